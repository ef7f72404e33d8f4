import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("works", async () => {
  const r = await SELF.fetch("http://x/");
  expect(await r.text()).toBe("hi y");
  const r2 = await fetch("http://127.0.0.1:9/").catch((e) => String(e));
  console.log(r2);
});
