import { env, SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("reaches the loopback server from workerd", async () => {
  const r = await fetch(`${env.LOOPBACK_URL}/nothing`);
  expect(r.status).toBe(404);
  expect(await r.text()).toContain("no route");
  expect((await SELF.fetch("http://x/")).status).toBe(200);
});
