import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { afterThisSecond } from "../support/eventually.ts";
import { examples } from "../support/examples.ts";

const source = uniqueSource("feeds");
let londonId: string;
let announced: { id: string; type: string }[];

async function validate(body: string) {
  const r = await fetch(`${env.LOOPBACK_URL}/feed-validator`, { method: "POST", body });
  expect(r.status).toBe(200);
  return json(r);
}

beforeAll(async () => {
  await createSource(source, { baseline: "announce" });
  announced = (await json(ingest(source, examples.json0418))).events;
  londonId = (await json(ingest(source, examples.json0423))).events[0].id;
});

describe("feeds", () => {
  it("RSS 2.0 passes feedparser (no bozo) and rss-parser; guid is the event id, title the short entry title", async () => {
    const r = await get(`/feeds/changes.rss?source=${source}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(r.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const body = await r.text();
    const v = await validate(body);
    expect(v.feedparser.bozo, v.feedparser.bozo_exception).toBe(0);
    expect(v.feedparser.version).toBe("rss20");
    expect(v.feedparser.entries).toHaveLength(7);
    const first = v.feedparser.entries[0];
    expect(first.id).toBe(londonId);
    expect(first.title).toBe("London talks on a Ukraine ceasefire: downgraded to officials; held; summary changed");
    // pubDate is when parley published the entry (the catalog's written time), not the source's 2025 date.
    expect(Date.parse(first.published_iso)).toBeGreaterThan(Date.parse("2026-01-01T00:00:00Z") - 366 * 86_400_000);
    expect(first.summary).toContain("Happened 23 Apr 2025");
    expect(first.summary).toContain("ministerial");
    expect(first.summary).toContain("officials");
    expect(v.rssParser.items.map((i: { guid: string }) => i.guid)).toEqual(
      v.feedparser.entries.map((e: { id: string }) => e.id),
    );
    expect(
      v.feedparser.feed.links.some(
        (l: { rel: string; href: string }) => l.rel === "self" && l.href.includes("/feeds/changes.rss"),
      ),
    ).toBe(true);
  });

  it("Atom 1.0 passes both readers; ids are urn:parley:event:<id>", async () => {
    const body = await (await get(`/feeds/changes.atom?source=${source}`)).text();
    const v = await validate(body);
    expect(v.feedparser.bozo, v.feedparser.bozo_exception).toBe(0);
    expect(v.feedparser.version).toBe("atom10");
    expect(v.feedparser.entries[0].id).toBe(`urn:parley:event:${londonId}`);
    expect(v.feedparser.entries[0].updated_iso).toBeTruthy();
    expect(v.rssParser.items).toHaveLength(7);
  });

  it("JSON Feed 1.1 carries the full event", async () => {
    const r = await get(`/feeds/changes.json?source=${source}`);
    expect(r.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = await json(r);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.feed_url).toContain("/feeds/changes.json");
    expect(feed.items[0]).toMatchObject({ id: londonId });
    expect(feed.items[0]._parley.occurred_at).toBe("2025-04-23T17:00:00Z");
    expect(feed.items[0].date_published).not.toBe("2025-04-23T17:00:00Z");
    expect(feed.items[0]._parley.kinds).toEqual(["meeting.downgraded", "meeting.held", "meeting.updated"]);
    const ids = feed.items.map((i: { id: string }) => i.id);
    expect(ids).toHaveLength(7);
    expect(new Set(ids.slice(1))).toEqual(new Set(announced.map((e) => e.id)));
  });

  it("filters: kind, type, tag, item, severity, limit", async () => {
    const ids = async (q: string) =>
      (await json(get(`/feeds/changes.json?source=${source}&${q}`))).items.map((i: { id: string }) => i.id);
    expect(await ids("kind=meeting.held")).toEqual([londonId]);
    expect(await ids("type=meeting.held")).toEqual([]);
    expect(await ids("type=meeting.*&severity=major")).toEqual([londonId]);
    expect(await ids("severity=minor")).toEqual([londonId]);
    expect((await ids("type=deadline.created")).length).toBe(3);
    expect((await ids("tag=MINERALS")).length).toBe(1);
    expect(await ids("item=meeting/london-talks-2025-04-23")).toHaveLength(2);
    expect(await ids("limit=2")).toHaveLength(2);
    expect((await get(`/feeds/changes.rss?limit=500`)).status).toBe(400);
    expect((await get(`/feeds/changes.rss?severity=huge`)).status).toBe(400);
  });

  it("an item has its own feed in each format", async () => {
    for (const ext of ["rss", "atom", "json"]) {
      const r = await get(`/feeds/items/${source}/meeting/london-talks-2025-04-23.${ext}`);
      expect(r.status, ext).toBe(200);
      if (ext === "json") {
        expect((await json(r)).items.map((i: { id: string }) => i.id)).toHaveLength(2);
      } else {
        const v = await validate(await r.text());
        expect(v.feedparser.bozo, v.feedparser.bozo_exception).toBe(0);
        expect(v.feedparser.entries).toHaveLength(2);
      }
    }
    expect((await get(`/feeds/items/${source}/meeting/nope.rss`)).status).toBe(404);
  });

  it("ETag and Last-Modified give 304; a new event changes the ETag", async () => {
    const path = `/feeds/changes.rss?source=${source}`;
    await afterThisSecond(); // Last-Modified is sent once the second of the newest publication has passed.
    const first = await get(path);
    const etag = first.headers.get("etag") ?? "";
    const lastModified = first.headers.get("last-modified") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(lastModified).toMatch(/GMT$/);
    const cached = await get(path, { "if-none-match": etag });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("etag")).toBe(etag);
    expect(await cached.text()).toBe("");
    expect((await get(path, { "if-modified-since": lastModified })).status).toBe(304);
    expect((await get(path, { "if-none-match": '"other"', "if-modified-since": lastModified })).status).toBe(200);
    // Another format of the same events has another ETag.
    expect((await get(`/feeds/changes.atom?source=${source}`)).headers.get("etag")).not.toBe(etag);

    const doc = JSON.parse(examples.json0423);
    doc.items[0] = { ...doc.items[0], status: "withdrawn", updated_at: "2025-04-24T09:00:00Z" };
    doc.generated_at = "2025-04-24T09:00:00Z";
    expect((await json(ingest(source, JSON.stringify(doc)))).events).toHaveLength(1);
    const changed = await get(path, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("entries name their source, link over http(s), and a late-detected change sorts first by pubDate", async () => {
    const titled = uniqueSource("desk");
    await createSource(titled, { title: "Kyiv desk", baseline: "announce" });
    await json(ingest(titled, examples.json0418));
    // A change made on 18 April, detected only now: after everything above.
    const doc = JSON.parse(examples.json0418);
    doc.items[0] = { ...doc.items[0], status: "met", updated_at: "2025-04-18T12:00:00Z" };
    const [late] = (await json(ingest(titled, JSON.stringify(doc)))).events;
    const r = await get(`/feeds/changes.rss?source=${source},${titled}`);
    const fp = (await validate(await r.text())).feedparser;
    expect(fp.bozo, fp.bozo_exception).toBe(0);
    expect(fp.entries[0].id).toBe(late.id);
    const published = fp.entries.map((e: { published_iso: string }) => e.published_iso);
    expect([...published].sort().reverse()).toEqual(published);
    for (const e of fp.entries) expect(e.link).toMatch(/^https?:\/\//);
    // The example items have no url: their page on the board.
    expect(fp.entries[0].link).toBe(`${new URL(r.url).origin}/items/${titled}/deadline/us-decision-on-peace-effort`);
    const names = new Set(fp.entries.map((e: { source_title: string }) => e.source_title));
    expect(names).toEqual(new Set(["Kyiv desk", source]));
    expect(fp.feed.language).toBe("en");
    const icon = await get(new URL(fp.feed.icon).pathname);
    expect(icon.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await icon.arrayBuffer()).slice(1, 4)).toEqual(new TextEncoder().encode("PNG"));
  });
});
