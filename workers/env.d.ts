// Secrets and optional vars that `wrangler types` cannot see (set with `wrangler secret put`, or .dev.vars locally).
interface ParleySecrets {
  /** Bearer token for every write (required: without it writes are refused). */
  ADMIN_TOKEN?: string;
  /** "true" only under `npm start`: serves the demo documents at /demo. */
  DEMO?: string;
  /** Auto-disable's time limit in seconds; when set it replaces WEBHOOK_MAX_FAILURE_DAYS (tests, local runs). */
  WEBHOOK_MAX_FAILURE_SECONDS?: string;
}
interface Env extends ParleySecrets {}
declare namespace Cloudflare {
  interface Env extends ParleySecrets {}
}
