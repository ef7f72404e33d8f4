// Bindings that exist only under test (vitest.config.ts adds them).
declare namespace Cloudflare {
  interface Env {
    LOOPBACK_URL: string;
    ADMIN_TOKEN: string;
  }
}
