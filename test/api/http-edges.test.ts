import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../workers/app.ts";
import { admin, BASE, createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";

const a = uniqueSource("edge-a");
const b = uniqueSource("edge-b");

beforeAll(async () => {
  for (const s of [a, b]) {
    await createSource(s, { baseline: "announce" });
    await ingest(s, examples.json0418);
  }
  await ingest(a, examples.json0423);
});

describe("query parameters mean the same everywhere", () => {
  it("GET /api/items takes comma-separated alternatives, each checked", async () => {
    const items = async (q: string) => (await json(get(`/api/items?${q}`))).items as { source: string; id: string }[];
    const both = await items(`source=${a},${b}`);
    expect(new Set(both.map((i) => i.source))).toEqual(new Set([a, b]));
    expect(both).toHaveLength(12);
    expect(await items(`source=${a}&kind=deadline,meeting`)).toHaveLength(6);
    expect((await items(`source=${a}&status=open,held`)).map((i) => i.id).sort()).toEqual([
      "london-talks-2025-04-23",
      "paris-talks-2025-04-17",
      "reciprocal-tariff-pause-expiry",
      "rome-talks-2025-04-18",
      "us-decision-on-peace-effort",
      "us-ukraine-minerals-deal",
    ]);
    const bad = await get(`/api/items?source=${a}&status=open,adjourned`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await json(bad))).toContain('\\"adjourned\\": expected an item status');
  });

  it("a misspelt type or kind pattern is a 400 in the events API and the feeds, as in subscriptions", async () => {
    for (const path of [`/api/events?type=meetng.*`, `/feeds/changes.rss?kind=meeting.downgrade`]) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expect(JSON.stringify(await json(r))).toContain("unknown event type pattern");
    }
    expect((await get(`/api/events?source=${a}&type=meeting.*,deadline.created`)).status).toBe(200);
  });

  it("per-item feeds apply the same filters and limit as /feeds/changes", async () => {
    const path = `/feeds/items/${a}/meeting/london-talks-2025-04-23.json`;
    expect((await json(get(path))).items).toHaveLength(2);
    const major = (await json(get(`${path}?severity=major`))).items;
    expect(major).toHaveLength(1);
    expect(major[0].title).toMatch(/downgraded/);
    expect((await json(get(`${path}?limit=1`))).items).toHaveLength(1);
    expect((await json(get(`${path}?type=meeting.announced`))).items[0].title).toMatch(/announced/);
  });
});

describe("auth and ids", () => {
  it("a malformed or foreign Authorization header is 401, as a missing one is", async () => {
    for (const authorization of ["Basic dXNlcjpwYXNz", "Bearer ", "Bearer", "token abc"]) {
      const r = await SELF.fetch(`${BASE}/api/sources/${a}`, { method: "PUT", body: "{}", headers: { authorization } });
      expect(r.status, authorization).toBe(401);
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("a bearer header that is not exactly one well-formed token is 401 too, never 400 (issue 10, #10)", async () => {
    const token = env.ADMIN_TOKEN;
    const cases: [string, HeadersInit][] = [
      ["characters a token cannot hold", { authorization: "Bearer <<>>" }],
      ["a token followed by more", { authorization: `Bearer ${token} x` }],
      ["two tokens, comma-separated", { authorization: `Bearer ${token}, Bearer ${token}` }],
      [
        "two Authorization headers",
        [
          ["authorization", `Bearer ${token}`],
          ["authorization", `Bearer ${token}`],
        ],
      ],
    ];
    for (const [what, headers] of cases) {
      const r = await SELF.fetch(`${BASE}/api/sources/${a}`, { method: "PUT", body: "{}", headers });
      expect(r.status, what).toBe(401);
      expect(r.headers.get("www-authenticate"), what).toMatch(/^Bearer/);
      expect((await json(r)).error.code, what).toBe("unauthorized");
    }
    // The well-formed header still works, with any number of spaces after the scheme, in any case.
    const ok = await SELF.fetch(`${BASE}/api/sources/${a}`, {
      method: "PUT",
      body: "{}",
      headers: { authorization: `bearer   ${token}` },
    });
    expect(ok.status).toBe(200);
  });

  it("authentication comes before the id check: a bad id without a token is 401", async () => {
    expect((await SELF.fetch(`${BASE}/api/sources/bad!id`, { method: "PUT", body: "{}" })).status).toBe(401);
    expect((await SELF.fetch(`${BASE}/api/sources/bad!id`, { method: "DELETE" })).status).toBe(401);
    expect((await get(`/api/sources/bad!id`)).status).toBe(400);
  });

  it("pushing to an id no source can have is a 400 naming the rule, not a 404 advising a PUT", async () => {
    const r = await admin(`/api/sources/bad!id/ingest`, {
      method: "POST",
      body: examples.json0418,
      headers: { "content-type": "application/json" },
    });
    expect(r.status).toBe(400);
    expect((await json(r)).error.code).toBe("invalid_source_id");
  });

  it("an ADMIN_TOKEN a bearer header cannot carry disables writes with a clear 503", async () => {
    const token = "correct horse battery staple!";
    const r = await app.fetch(
      new Request(`${BASE}/api/sources/${uniqueSource()}`, {
        method: "PUT",
        body: "{}",
        headers: { authorization: `Bearer ${token}` },
      }),
      { ...env, ADMIN_TOKEN: token },
      { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext,
    );
    expect(r.status).toBe(503);
    expect((await json(r)).error.message).toMatch(/characters a bearer token cannot carry/);
  });

  it("an empty XML body says so", async () => {
    const r = await ingest(a, "", "application/xml");
    expect(r.status).toBe(400);
    expect((await json(r)).error.message).toBe("not well-formed XML: the document is empty");
  });
});

describe("browsers on other origins", () => {
  it("may read the feeds and API (CORS), with the cache validators exposed", async () => {
    const r = await SELF.fetch(`${BASE}/feeds/changes.json?source=${a}`, {
      headers: { origin: "https://dashboard.example" },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    expect(r.headers.get("access-control-expose-headers")).toMatch(/ETag/);
  });

  it("get a preflight answer for an authenticated write", async () => {
    const r = await SELF.fetch(`${BASE}/api/sources/${a}/ingest`, {
      method: "OPTIONS",
      headers: {
        origin: "https://dashboard.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(r.headers.get("access-control-allow-headers")?.toLowerCase()).toMatch(/authorization/);
  });
});

describe("public reads of names no source can have", () => {
  it("a 600-character source, kind or id in an item path is a bounded 404, not a 500", async () => {
    const long = "s".repeat(600);
    for (const path of [
      `/api/items/${long}/meeting/london-talks-2025-04-23`,
      `/feeds/items/${long}/meeting/london-talks-2025-04-23.rss`,
      `/api/items/${a}/${long}/x`,
      `/feeds/items/${a}/meeting/${long}.atom`,
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      const body = await json(r);
      expect(body.error.code).toBe("unknown_item");
      expect(body.error.message.length).toBeLessThan(400);
    }
  });
});
