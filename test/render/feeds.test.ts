/**
 * The RSS, Atom and JSON feeds as real readers see them: each rendering is
 * posted to the loopback feed validator (Debian's python3-feedparser and the
 * rss-parser package) and read back.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ChangeEvent } from "../../src/events/event.ts";
import { atomEntryId, renderAtom } from "../../src/render/atom.ts";
import { entryTitle } from "../../src/render/entry-title.ts";
import { EMPTY_FEED_UPDATED, type FeedMeta, feedUpdated } from "../../src/render/feed-meta.ts";
import { JSON_FEED_VERSION, renderJsonFeed } from "../../src/render/json-feed.ts";
import { renderRss } from "../../src/render/rss.ts";
import { stripInvalidXmlChars } from "../../src/text/xml-characters.ts";
import { parseRfc822 } from "../../src/time/rfc822.ts";
import { downgraded, EVENTS, extended, NASTY_CLEAN, nasty } from "./fixtures.ts";

interface FpEntry {
  id: string;
  title: string;
  link: string | null;
  published_iso: string | null;
  updated_iso: string | null;
  summary: string | null;
  content: string[];
  tags: { term: string; scheme: string | null }[];
}
interface Validation {
  feedparser: {
    bozo: number;
    bozo_exception: string | null;
    version: string;
    feed: {
      title: string;
      link: string;
      id: string | null;
      updated_iso: string | null;
      links: { rel: string; href: string }[];
    };
    entries: FpEntry[];
  };
  rssParser: {
    error?: string;
    title?: string;
    feedUrl?: string;
    items: {
      title: string;
      link?: string;
      guid?: string;
      id?: string;
      isoDate?: string;
      content?: string;
      categories?: unknown[];
    }[];
  } | null;
}

/** A C0 control character other than tab, LF and CR: XML 1.0 has no way to write one. */
function hasControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
  }
  return false;
}

async function validate(body: string): Promise<Validation> {
  const r = await fetch(`${env.LOOPBACK_URL}/feed-validator`, { method: "POST", body });
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as Validation;
}

function meta(format: "rss" | "atom" | "json", events: ChangeEvent[]): FeedMeta {
  return {
    title: "parley: ukraine-talks & friends",
    description: "Deadlines and meetings <as they move>",
    selfUrl: `https://parley.example/sources/ukraine-talks/feed.${format}`,
    siteUrl: "https://parley.example/sources/ukraine-talks",
    updated: feedUpdated(events),
    alternates: {
      rss: "https://parley.example/sources/ukraine-talks/feed.rss",
      atom: "https://parley.example/sources/ukraine-talks/feed.atom",
      json: "https://parley.example/sources/ukraine-talks/feed.json",
    },
  };
}

const link = (e: ChangeEvent) => (e === nasty || e === extended ? null : (e.item as { url: string }).url);

describe("RSS 2.0", () => {
  it("is read by feedparser and rss-parser as the events", async () => {
    const xml = renderRss(EVENTS, meta("rss", EVENTS));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const { feedparser: fp, rssParser: rp } = await validate(xml);
    expect(fp.bozo_exception).toBeNull();
    expect(fp.bozo).toBe(0);
    expect(fp.version).toBe("rss20");
    expect(fp.feed.title).toBe("parley: ukraine-talks & friends");
    expect(fp.feed.link).toBe("https://parley.example/sources/ukraine-talks");
    expect(fp.feed.updated_iso).toBe("2025-04-24T08:35:00Z");
    expect(fp.feed.links).toContainEqual(expect.objectContaining({ rel: "self", href: meta("rss", []).selfUrl }));

    expect(fp.entries.map((e) => e.id)).toEqual(EVENTS.map((e) => e.id));
    expect(fp.entries.map((e) => e.title)).toEqual(EVENTS.map((e) => stripInvalidXmlChars(entryTitle(e))));
    expect(fp.entries.map((e) => e.published_iso)).toEqual(EVENTS.map((e) => e.detected_at));
    expect(fp.entries.map((e) => e.link)).toEqual(EVENTS.map(link));

    const london = fp.entries[1];
    expect(london.summary).toContain("<li><b>level</b>: officials <i>(was: ministerial)</i></li>");
    expect(london.summary).toContain("<li><b>status</b>: held <i>(was: scheduled)</i></li>");
    expect(london.tags).toEqual([
      { term: "meeting.downgraded", scheme: "urn:parley:kind" },
      { term: "meeting.held", scheme: "urn:parley:kind" },
      { term: "Ukraine", scheme: null },
      { term: "ceasefire", scheme: null },
    ]);
    expect(fp.entries[2].summary).toContain("<b>participants</b>: 1 added: Andriy Yermak; 1 removed: Marco Rubio");
    expect(fp.entries[2].summary).toContain("<b>location</b>: Lancaster House, London, GB <i>(was: Paris, FR)</i>");

    expect(rp?.error).toBeUndefined();
    expect(rp?.title).toBe("parley: ukraine-talks & friends");
    expect(rp?.feedUrl).toBe(meta("rss", []).selfUrl);
    expect(rp?.items.map((i) => i.guid)).toEqual(EVENTS.map((e) => e.id));
    expect(rp?.items.map((i) => i.title)).toEqual(EVENTS.map((e) => stripInvalidXmlChars(entryTitle(e))));
    expect(rp?.items.map((i) => i.isoDate)).toEqual(EVENTS.map((e) => e.detected_at.replace("Z", ".000Z")));
    expect(rp?.items.map((i) => i.link ?? null)).toEqual(EVENTS.map(link));
    expect(rp?.items[1].categories).toEqual([
      { _: "meeting.downgraded", $: { domain: "urn:parley:kind" } },
      { _: "meeting.held", $: { domain: "urn:parley:kind" } },
      "Ukraine",
      "ceasefire",
    ]);
  });

  it("carries hostile source text as text, never as markup", async () => {
    const xml = renderRss([nasty], meta("rss", [nasty]));
    expect(hasControlChars(xml)).toBe(false);
    expect(xml).not.toContain("<script");
    const { feedparser: fp, rssParser: rp } = await validate(xml);
    expect(fp.bozo).toBe(0);
    const [entry] = fp.entries;
    expect(entry.title).toBe(stripInvalidXmlChars(entryTitle(nasty)));
    // The HTML body shows the source's markup as escaped text.
    expect(entry.summary).toContain("&lt;script&gt;");
    expect(entry.summary).toContain("&lt;i&gt;old&lt;/i&gt;");
    expect(entry.summary).not.toContain("<script");
    expect(entry.summary).toContain("🕊️ caféend");
    // A javascript: URL is never linked.
    expect(entry.link).toBeNull();
    expect(xml).not.toContain("javascript:");
    expect(entry.tags.map((t) => t.term)).toEqual(["deadline.updated", "<b>bold</b>", "a&b"]);
    expect(rp?.items[0].title).toBe(stripInvalidXmlChars(entryTitle(nasty)));
    expect(rp?.items[0].content).toContain("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; ]]&gt;");
  });

  it("drops lone surrogates, which no XML can carry", async () => {
    // Asserted as booleans only: a lone surrogate in a failure message would break vitest's reporting.
    const lone: ChangeEvent = {
      ...nasty,
      summary: "half \ud800 a pair \udfff!",
      changes: [],
    };
    for (const xml of [renderRss([lone], meta("rss", [lone])), renderAtom([lone], meta("atom", [lone]))]) {
      expect(/[\ud800-\udfff]/.test(xml.replace(/\p{Extended_Pictographic}/gu, ""))).toBe(false);
      const { feedparser: fp } = await validate(xml);
      expect(fp.bozo).toBe(0);
      // No changes to list: the summary is the title and the body's lead.
      expect(fp.entries[0].title === "half  a pair !").toBe(true);
    }
  });

  it("writes RFC 822 dates that round-trip", () => {
    const xml = renderRss([downgraded], meta("rss", [downgraded]));
    // pubDate is when parley published the entry (here, without the catalog's time, its detection).
    expect(xml).toContain("<pubDate>Wed, 23 Apr 2025 18:05:12 GMT</pubDate>");
    expect(xml).toContain("<lastBuildDate>Wed, 23 Apr 2025 18:05:12 GMT</lastBuildDate>");
    expect(parseRfc822("Wed, 23 Apr 2025 17:00:00 GMT")).toBe(Date.parse(downgraded.occurred_at));
  });

  it("is valid with no events", async () => {
    const m = meta("rss", []);
    expect(m.updated).toBe(EMPTY_FEED_UPDATED);
    const { feedparser: fp, rssParser: rp } = await validate(renderRss([], m));
    expect(fp.bozo).toBe(0);
    expect(fp.version).toBe("rss20");
    expect(fp.entries).toEqual([]);
    expect(rp?.items).toEqual([]);
  });
});

describe("Atom 1.0", () => {
  it("is read by feedparser and rss-parser as the events", async () => {
    const xml = renderAtom(EVENTS, meta("atom", EVENTS));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const { feedparser: fp, rssParser: rp } = await validate(xml);
    expect(fp.bozo_exception).toBeNull();
    expect(fp.bozo).toBe(0);
    expect(fp.version).toBe("atom10");
    expect(fp.feed.id).toBe(meta("atom", []).selfUrl);
    expect(fp.feed.title).toBe("parley: ukraine-talks & friends");
    expect(fp.feed.updated_iso).toBe("2025-04-24T08:35:00Z");
    expect(fp.feed.links).toContainEqual(expect.objectContaining({ rel: "self", href: meta("atom", []).selfUrl }));
    expect(fp.feed.links).toContainEqual(
      expect.objectContaining({ rel: "alternate", href: "https://parley.example/sources/ukraine-talks/feed.rss" }),
    );

    expect(fp.entries.map((e) => e.id)).toEqual(EVENTS.map((e) => `urn:parley:event:${e.id}`));
    expect(fp.entries.map((e) => e.title)).toEqual(EVENTS.map((e) => stripInvalidXmlChars(entryTitle(e))));
    expect(fp.entries.map((e) => e.published_iso)).toEqual(EVENTS.map((e) => e.detected_at));
    expect(fp.entries.map((e) => e.updated_iso)).toEqual(EVENTS.map((e) => e.detected_at));
    // feedparser falls back to the entry id as `link` for an Atom entry without one.
    expect(fp.entries.map((e) => e.link)).toEqual(EVENTS.map((e) => link(e) ?? atomEntryId(e.id)));

    const london = fp.entries[1];
    expect(london.content[0]).toContain("<li><b>level</b>: officials <i>(was: ministerial)</i></li>");
    expect(london.summary).toBe(
      "level: officials (was: ministerial)\nstatus: held (was: scheduled)\nSource: ukraine-talks\n" +
        "Happened 23 Apr 2025, 18:00 BST · detected by parley 23 Apr 2025, 19:05 BST\n" +
        "https://example.org/talks/london?date=2025-04-23&lang=en",
    );
    expect(london.tags.map((t) => t.term)).toEqual(["meeting.downgraded", "meeting.held", "Ukraine", "ceasefire"]);

    const hostile = fp.entries[3];
    expect(hostile.title).toBe(stripInvalidXmlChars(entryTitle(nasty)));
    expect(hostile.content[0]).toContain("&lt;script&gt;");
    expect(hostile.content[0]).not.toContain("<script");
    expect(hostile.summary).toContain(NASTY_CLEAN);

    expect(rp?.error).toBeUndefined();
    expect(rp?.items.map((i) => i.id)).toEqual(EVENTS.map((e) => atomEntryId(e.id)));
    expect(rp?.items.map((i) => i.title)).toEqual(EVENTS.map((e) => stripInvalidXmlChars(entryTitle(e))));
    expect(rp?.items.map((i) => i.isoDate)).toEqual(EVENTS.map((e) => e.detected_at.replace("Z", ".000Z")));
  });

  it("is valid with no events", async () => {
    const { feedparser: fp, rssParser: rp } = await validate(renderAtom([], meta("atom", [])));
    expect(fp.bozo).toBe(0);
    expect(fp.version).toBe("atom10");
    expect(fp.feed.updated_iso).toBe(EMPTY_FEED_UPDATED);
    expect(fp.entries).toEqual([]);
    expect(rp?.items).toEqual([]);
  });
});

describe("JSON Feed 1.1", () => {
  it("has the 1.1 shape with one item per event", () => {
    const feed = JSON.parse(renderJsonFeed(EVENTS, meta("json", EVENTS)));
    expect(feed.version).toBe(JSON_FEED_VERSION);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.title).toBe("parley: ukraine-talks & friends");
    expect(feed.feed_url).toBe(meta("json", []).selfUrl);
    expect(feed.home_page_url).toBe("https://parley.example/sources/ukraine-talks");
    expect(feed.items).toHaveLength(EVENTS.length);
    for (const [i, item] of (feed.items as Record<string, unknown>[]).entries()) {
      const e = EVENTS[i];
      expect(typeof item.id).toBe("string");
      expect(item.id).toBe(e.id);
      expect(item.title).toBe(entryTitle(e));
      expect(typeof item.content_html).toBe("string");
      expect(typeof item.content_text).toBe("string");
      expect(item.date_published).toBe(e.detected_at);
      expect(item.date_modified).toBe(e.detected_at);
      expect(item.authors).toEqual([{ name: "ukraine-talks" }]);
      expect(item.url).toBe(link(e) ?? undefined);
      expect(item._parley).toEqual(e);
      // Extension keys start with "_"; every other key is one the 1.1 spec defines for items.
      for (const key of Object.keys(item)) {
        expect(
          key.startsWith("_") ||
            [
              "id",
              "url",
              "title",
              "content_html",
              "content_text",
              "date_published",
              "date_modified",
              "authors",
              "tags",
            ].includes(key),
        ).toBe(true);
      }
    }
    expect(feed.items[1].tags).toEqual(["meeting.downgraded", "meeting.held", "Ukraine", "ceasefire"]);
    expect(feed.items[1].content_text).toBe(
      "level: officials (was: ministerial)\nstatus: held (was: scheduled)\nSource: ukraine-talks\n" +
        "Happened 23 Apr 2025, 18:00 BST · detected by parley 23 Apr 2025, 19:05 BST\n" +
        "https://example.org/talks/london?date=2025-04-23&lang=en",
    );
    expect(feed.items[3].content_html).toContain("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;");
  });

  it("is valid with no events", () => {
    const feed = JSON.parse(renderJsonFeed([], meta("json", [])));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items).toEqual([]);
  });
});
