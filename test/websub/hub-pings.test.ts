/** WebSub: hub links in the feeds, and publish pings to a loopback hub through the hub-pings queue. */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hubTopics, pingBody } from "../../src/websub/hubs.ts";
import { app } from "../../workers/app.ts";
import { createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import { examples } from "../support/examples.ts";
import type { HubRequest } from "../support/routes/hub.ts";

const BASE = "https://parley.test";

/** A source whose object pings the loopback hub `name` (HUB_URLS is empty for every other test). */
async function hubbedSource(hubUrl: string): Promise<string> {
  const source = uniqueSource("hub");
  await createSource(source);
  await runInDurableObject(env.SOURCES.getByName(source), (instance: object) => {
    const own = instance as { env: Env };
    own.env = { ...own.env, HUB_URLS: hubUrl, PUBLIC_BASE_URL: BASE };
  });
  return source;
}

async function hubRequests(name: string): Promise<HubRequest[]> {
  const r = await fetch(`${env.LOOPBACK_URL}/hub/${name}`);
  return ((await r.json()) as { requests: HubRequest[] }).requests;
}

describe("WebSub", () => {
  it("pings the hub with every feed the events appear in, and not for an ingest that changed nothing", async () => {
    const name = `h-${crypto.randomUUID().slice(0, 8)}`;
    const source = await hubbedSource(`${env.LOOPBACK_URL}/hub/${name}`);
    await ingest(source, examples.json0418); // the silent baseline: no events
    await ingest(source, examples.json0418); // unchanged
    const started = Date.now();
    const r = await json(ingest(source, examples.json0423));
    expect(r.events).toHaveLength(1);
    const [ping] = await eventually(async () => {
      const got = await hubRequests(name);
      expect(got).toHaveLength(1);
      return got;
    });
    expect(ping.at - started).toBeLessThan(5000);
    expect(ping.mode).toBe("publish");
    expect(ping.contentType).toBe("application/x-www-form-urlencoded");
    const item = `${BASE}/feeds/items/${source}/meeting/london-talks-2025-04-23`;
    const expected = [`${BASE}/feeds/changes.rss`, `${BASE}/feeds/changes.atom`, `${BASE}/feeds/changes.json`];
    expected.push(`${item}.rss`, `${item}.atom`, `${item}.json`);
    expect(ping.topics).toEqual(expected);
    expect(ping.urls).toEqual(expected);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await hubRequests(name)).toHaveLength(1);
    const status = await json(get(`/api/sources/${source}`));
    expect(status.status.hub_pings).toMatchObject({ sent: 1, failed: 0 });
  });

  it("retries a hub that answers 5xx, and records the outcome in the source's status", async () => {
    const name = `h-${crypto.randomUUID().slice(0, 8)}`;
    const source = await hubbedSource(`${env.LOOPBACK_URL}/hub/${name}?fail=2`);
    await ingest(source, examples.json0418);
    await ingest(source, examples.json0423);
    const got = await eventually(async () => {
      const list = await hubRequests(name);
      expect(list.map((p) => p.answered)).toEqual([503, 503, 204]);
      return list;
    }, 20_000);
    expect(got[2].topics).toEqual(got[0].topics);
    const status = await eventually(async () => {
      const s = await json(get(`/api/sources/${source}`));
      expect(s.status.hub_pings?.sent).toBe(1);
      return s;
    });
    expect(status.status.hub_pings.last_error).toMatchObject({ attempt: 2, message: "hub answered 503", final: false });
  });

  it("names the hubs in every feed format and in Link headers", async () => {
    const hubEnv = { ...env, HUB_URLS: "https://hub.example/, https://other.example/hub" };
    const read = (path: string) => app.fetch(new Request(`${BASE}${path}`), hubEnv);
    const rss = await read("/feeds/changes.rss");
    expect(rss.headers.get("link")).toBe(
      `<https://hub.example/>; rel="hub", <https://other.example/hub>; rel="hub", <${BASE}/feeds/changes.rss>; rel="self"`,
    );
    const rssText = await rss.text();
    expect(rssText).toContain('<atom:link href="https://hub.example/" rel="hub"');
    expect(rssText).toContain(`<atom:link href="${BASE}/feeds/changes.rss" rel="self"`);
    expect(await (await read("/feeds/changes.atom")).text()).toContain(
      '<link rel="hub" href="https://other.example/hub"',
    );
    const feed = await (await read("/feeds/changes.json")).json();
    expect((feed as { hubs: unknown }).hubs).toEqual([
      { type: "WebSub", url: "https://hub.example/" },
      { type: "WebSub", url: "https://other.example/hub" },
    ]);
    // Without hubs: no Link header, no hub links.
    const plain = await get("/feeds/changes.rss");
    expect(plain.headers.get("link")).toBeNull();
    expect(await plain.text()).not.toContain('rel="hub"');
  });

  it("builds topics once per item and a form body per ping", () => {
    const event = { source: "s", item: { kind: "meeting", id: "m:1" } } as never;
    expect(hubTopics("https://p.example/", [event, event])).toHaveLength(6);
    expect(pingBody(["https://p.example/feeds/changes.rss"])).toBe(
      "hub.mode=publish&hub.url=https%3A%2F%2Fp.example%2Ffeeds%2Fchanges.rss&hub.topic=https%3A%2F%2Fp.example%2Ffeeds%2Fchanges.rss",
    );
  });
});
