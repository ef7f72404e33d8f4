import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          ADMIN_TOKEN: "test-admin-token",
          LOOPBACK_URL: inject("loopbackUrl"),
          POLL_TIMEOUT_MS: "1500",
          // Tests drive polls and the clock themselves (tick(now)); the examples' deadlines lie in the
          // past and would lapse at once. Tests of the alarm's own scheduling turn it on per source
          // (test/support/schedule.ts).
          SCHEDULE_SOURCES: "false",
          // Polling tests fetch from the loopback server (the guard itself is tested with it off).
          ALLOW_PRIVATE_SOURCES: "true",
          // Webhooks: loopback receivers, fast retries, a short timeout, auto-disable once 10 failures
          // in a row have also lasted 2 seconds.
          ALLOW_PRIVATE_WEBHOOKS: "true",
          WEBHOOK_RETRY_SCHEDULE: "1,1,1,1,1,1,1",
          WEBHOOK_TIMEOUT_MS: "1000",
          WEBHOOK_MAX_CONSECUTIVE_FAILURES: "10",
          WEBHOOK_MAX_FAILURE_SECONDS: "2",
          // WebSub: HUB_URLS stays empty (no pings); the hub tests set it on one source's object.
          HUB_RETRY_SCHEDULE: "1,1,1",
        },
      },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    // test/scripts: Node-side tests of scripts/ (they spawn processes), run by `node --test` in npm test.
    exclude: [...configDefaults.exclude, "test/scripts/**"],
    globalSetup: ["./test/support/global-setup.ts"],
    testTimeout: 30_000,
  },
});
