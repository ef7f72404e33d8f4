// Bindings that exist only under test (vitest.config.ts adds them).
declare namespace Cloudflare {
  interface Env {
    LOOPBACK_URL: string;
  }
}

/** Vite's `?raw` imports: a file's text (used for the example documents). */
declare module "*?raw" {
  const text: string;
  export default text;
}
