/**
 * SSRF rules at creation. The test Worker runs with ALLOW_PRIVATE_WEBHOOKS=true
 * (the other tests deliver to a loopback receiver), so these cases call the
 * real Hono app in-process with the same bindings except
 * ALLOW_PRIVATE_WEBHOOKS=false: the production setting, the same route code.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "../../src/webhooks/url-safety.ts";
import { app } from "../../workers/app.ts";
import { BASE } from "../support/api.ts";
import { receiverName, receiverUrl, remove, subscribe } from "./helpers.ts";

const production = { ...env, ALLOW_PRIVATE_WEBHOOKS: "false" } as Env;

function call(path: string, method: string, body: unknown) {
  return app.fetch(
    new Request(`${BASE}${path}`, {
      method,
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, "content-type": "application/json" },
    }),
    production,
  );
}

const CASES: [string, RegExp][] = [
  ["http://hooks.example.com/parley", /http:\/\/; webhooks are delivered over https:\/\/ only/],
  ["https://127.0.0.1/hook", /loopback/],
  ["https://[::1]/hook", /loopback/],
  ["https://169.254.169.254/latest/meta-data", /link-local|metadata/],
  ["https://10.0.0.1/hook", /private/],
  ["https://localhost/hook", /localhost/],
  ["https://0x7f.1/hook", /127\.0\.0\.1.*loopback|loopback/],
];

describe("webhook URL safety at creation", () => {
  for (const [url, reason] of CASES) {
    it(`refuses ${url} with a 400 naming the reason`, async () => {
      const r = await call("/api/subscriptions", "POST", { url });
      expect(r.status).toBe(400);
      const body = (await r.json()) as { error: { code: string; message: string; field: string } };
      expect(body.error.code).toBe("unsafe_url");
      expect(body.error.field).toBe("url");
      expect(body.error.message).toMatch(reason);
      const pure = await checkWebhookUrl(url, { allowPrivate: false });
      expect(pure.ok).toBe(false);
    });
  }

  it("refuses an unsafe URL on PATCH too, and leaves the subscription unchanged", async () => {
    const sub = await subscribe({ url: receiverUrl(receiverName()) });
    const r = await call(`/api/subscriptions/${sub.id}`, "PATCH", { url: "https://192.168.1.10/x" });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/private/);
    const view = (await (await call(`/api/subscriptions/${sub.id}`, "GET", undefined)).json()) as { url: string };
    expect(view.url).toBe(sub.url);
    await remove(sub.id);
  });
});
