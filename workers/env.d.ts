// Secrets and optional vars that `wrangler types` cannot see (set with `wrangler secret put`, or .dev.vars locally).
interface ParleySecrets {
  /** Bearer token for every write (required: without it writes are refused). */
  ADMIN_TOKEN?: string;
  /** "true" only under `npm start`: serves the demo documents at /demo. */
  DEMO?: string;
}
interface Env extends ParleySecrets {}
declare namespace Cloudflare {
  interface Env extends ParleySecrets {}
}
