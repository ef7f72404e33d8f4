/**
 * Entries that explain themselves (issue 14), read back through the loopback
 * feed validator (Debian's python3-feedparser and rss-parser) and from the
 * chat payloads: long changes show their new words, titles stay short, a new
 * meeting says when, where and at what level, entries name their source, are
 * dated by publication and always link somewhere.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ChangeEvent } from "../../src/events/event.ts";
import type { Deadline, Meeting } from "../../src/model/item.ts";
import { renderAtom } from "../../src/render/atom.ts";
import { entryTitle, TITLE_MAX } from "../../src/render/entry-title.ts";
import type { FeedMeta } from "../../src/render/feed-meta.ts";
import { renderJsonFeed } from "../../src/render/json-feed.ts";
import { renderRss } from "../../src/render/rss.ts";
import { buildPayload } from "../../src/webhooks/payload.ts";
import type { DiscordMessage } from "../../src/webhooks/payload-discord.ts";
import { downgraded, EVENTS, extended, nasty } from "./fixtures.ts";

interface Entry {
  title: string;
  link: string | null;
  published_iso: string | null;
  summary: string | null;
  content: string[];
  author: string | null;
  source_title: string | null;
}
async function read(body: string): Promise<{ bozo: number; feed: Record<string, unknown>; entries: Entry[] }> {
  const r = await fetch(`${env.LOOPBACK_URL}/feed-validator`, { method: "POST", body });
  expect(r.status).toBe(200);
  const v = (await r.json()) as { feedparser: { bozo: number; feed: Record<string, unknown>; entries: Entry[] } };
  expect(v.feedparser.bozo).toBe(0);
  return v.feedparser;
}

const BASE = "https://parley.example";
function meta(events: readonly ChangeEvent[], extra: Partial<FeedMeta> = {}): FeedMeta {
  return {
    title: "parley: changes",
    description: "test",
    selfUrl: `${BASE}/feeds/changes.rss`,
    siteUrl: `${BASE}/`,
    updated: "2025-05-01T00:00:00Z",
    baseUrl: BASE,
    language: "en",
    iconUrl: `${BASE}/feeds/icon.png`,
    publishedMs: events.map((e) => Date.parse(e.detected_at)),
    ...extra,
  };
}
const london = downgraded.item as Meeting;
const FILLER = "The delegations reviewed the draft text line by line and agreed to meet again. ".repeat(38);

const longSummary: ChangeEvent = {
  ...downgraded,
  id: "evt_long0summary000000000000000",
  type: "meeting.updated",
  kinds: ["meeting.updated"],
  severity: "minor",
  item: { ...london, summary: `${FILLER}After: AGREEMENT REACHED on all points.` },
  changes: [
    {
      field: "summary",
      from: `${FILLER}Talks will continue next week.`,
      to: `${FILLER}After: AGREEMENT REACHED on all points.`,
    },
  ],
  summary: "London talks on a Ukraine ceasefire: summary changed",
};

async function allFormats(
  events: ChangeEvent[],
  m: FeedMeta,
): Promise<{ rss: Entry[]; atom: Entry[]; json: Record<string, unknown>[] }> {
  const rss = (await read(renderRss(events, m))).entries;
  const atom = (await read(renderAtom(events, m))).entries;
  const json = JSON.parse(renderJsonFeed(events, m)).items as Record<string, unknown>[];
  return { rss, atom, json };
}

describe("entries", () => {
  it("a ~3,000-character summary change shows AGREEMENT in every feed entry and chat message", async () => {
    expect(longSummary.changes[0].to).toHaveProperty("length");
    expect(String(longSummary.changes[0].to).length).toBeGreaterThan(3000);
    const { rss, atom, json } = await allFormats([longSummary], meta([longSummary]));
    expect(rss[0].summary).toContain("AGREEMENT REACHED");
    expect(atom[0].content[0]).toContain("AGREEMENT REACHED");
    expect(atom[0].summary).toContain("AGREEMENT REACHED");
    expect(json[0].content_html).toContain("AGREEMENT REACHED");
    expect(json[0].content_text).toContain("AGREEMENT REACHED");
    // New value first, then the old one, each shortened around what differs.
    expect(String(json[0].content_text)).toMatch(
      /summary: …[^\n]*AGREEMENT REACHED on all points\. \(was: …[^\n]*Talks will continue/,
    );

    const slack = buildPayload(longSummary, "slack", {});
    expect(slack).toContain("AGREEMENT REACHED");
    // Even with many long changes sharing Discord's 6,000 characters.
    const crowded = { ...longSummary, changes: [longSummary.changes[0], ...Array(6).fill(longSummary.changes[0])] };
    for (const ev of [longSummary, crowded]) {
      const embed = (JSON.parse(buildPayload(ev, "discord", {})) as DiscordMessage).embeds[0];
      const shown = embed.fields.filter((f) => f.name !== "…");
      expect(shown.length).toBeGreaterThan(0);
      for (const f of shown) expect(f.value).toContain("AGREEMENT");
      if (shown.length < ev.changes.length)
        expect(embed.fields.at(-1)?.value).toBe(`and ${ev.changes.length - shown.length} more changes`);
    }
  });

  it("a 100-participant change has a title under 140 characters; the full list stays in changes", () => {
    const names = Array.from({ length: 100 }, (_, i) => `Delegate number ${i} of the negotiating parties`);
    const ev: ChangeEvent = {
      ...downgraded,
      kinds: ["meeting.participants_changed"],
      changes: [{ field: "participants", from: ["A", "B", "C"], to: names, added: names, removed: ["A", "B", "C"] }],
      summary: `London talks: participants ${names.map((n) => `+${n}`).join(", ")}`,
    };
    const title = entryTitle(ev);
    expect(ev.summary.length).toBeGreaterThan(4000);
    expect(title.length).toBeLessThan(TITLE_MAX);
    expect(title).toBe("London talks on a Ukraine ceasefire: participants: 100 added, 3 removed");
    expect(JSON.parse(buildPayload(ev, "slack", {})).text.length).toBeLessThan(TITLE_MAX);
  });

  it("titles write dates for people in the item's zone", () => {
    const due: ChangeEvent = {
      ...extended,
      item: { ...(extended.item as Deadline), timezone: "America/New_York", due: "2025-07-09T00:01:00-04:00" },
      changes: [{ field: "due", from: "2025-07-01T00:01:00-04:00", to: "2025-07-09T00:01:00-04:00" }],
    };
    expect(entryTitle(due)).toBe("Russian response to the ceasefire proposal: extended to 9 Jul 2025, 00:01 EDT");
  });

  it("an announced meeting's body names its time, city and level", async () => {
    const announced: ChangeEvent = {
      ...downgraded,
      id: "evt_announced000000000000000000",
      type: "meeting.announced",
      kinds: ["meeting.announced"],
      severity: "info",
      item: { ...london, status: "scheduled" },
      changes: [],
      summary: "London talks on a Ukraine ceasefire: announced for 2025-04-23T10:00:00+01:00",
    };
    expect(entryTitle(announced)).toBe(
      "London talks on a Ukraine ceasefire: announced for 23 Apr 2025, 10:00 BST in London (officials)",
    );
    const { rss, atom, json } = await allFormats([announced], meta([announced]));
    for (const body of [rss[0].summary, atom[0].content[0], atom[0].summary, String(json[0].content_text)]) {
      expect(body).toContain("23 Apr 2025, 10:00 BST");
      expect(body).toContain("London");
      expect(body).toContain("officials");
      expect(body).toContain("Keith Kellogg");
    }
    expect(entryTitle(announced)).not.toBe(london.title);
  });

  it("two same-titled events from two sources name their sources", async () => {
    const a = { ...downgraded, id: "evt_from0a000000000000000000000", source: "desk-a" };
    const b = { ...downgraded, id: "evt_from0b000000000000000000000", source: "desk-b" };
    const m = meta([a, b], { sourceNames: { "desk-a": "Reuters desk" } });
    const { rss, atom, json } = await allFormats([a, b], m);
    expect(rss.map((e) => e.source_title)).toEqual(["Reuters desk", "desk-b"]);
    expect(atom.map((e) => e.author)).toEqual(["Reuters desk", "desk-b"]);
    expect(json.map((i) => i.authors)).toEqual([
      [{ name: "Reuters desk", url: `${BASE}/feeds/changes.json?source=desk-a` }],
      [{ name: "desk-b", url: `${BASE}/feeds/changes.json?source=desk-b` }],
    ]);
    expect(rss[0].summary).toContain("Source: Reuters desk");
    expect(atom[1].summary).toContain("Source: desk-b");
  });

  it("a late-detected change sorts first by pubDate, and every format agrees", async () => {
    // Happened a week before the others, detected and published last.
    const late: ChangeEvent = {
      ...extended,
      id: "evt_late00000000000000000000000",
      occurred_at: "2025-04-13T12:00:00Z",
      detected_at: "2025-04-25T09:00:00Z",
    };
    const events = [late, ...EVENTS];
    const m = meta(events, { publishedMs: events.map((e) => Date.parse(e.detected_at) + 2000) });
    const { rss, atom, json } = await allFormats(events, m);
    const newestFirst = (dates: (string | null)[]) => [...dates].sort((x, y) => String(y).localeCompare(String(x)));
    for (const dates of [
      rss.map((e) => e.published_iso),
      atom.map((e) => e.published_iso),
      json.map((i) => String(i.date_published)),
    ]) {
      expect(dates[0]).toBe("2025-04-25T09:00:02Z");
      expect(newestFirst(dates)[0]).toBe(dates[0]);
    }
    expect(rss.map((e) => e.published_iso)).toEqual(atom.map((e) => e.published_iso));
    expect(rss.map((e) => e.published_iso)).toEqual(json.map((i) => i.date_published));
    // When it happened is in the body and _parley.
    expect(rss[0].summary).toContain("Happened 13 Apr 2025, 15:00 GMT+3");
    expect((json[0]._parley as ChangeEvent).occurred_at).toBe("2025-04-13T12:00:00Z");
  });

  it("every entry has an http(s) link: the item's url, else its board page; feeds carry language and icon", async () => {
    const m = meta(EVENTS);
    const rssFeed = await read(renderRss(EVENTS, m));
    const atomFeed = await read(renderAtom(EVENTS, m));
    const json = JSON.parse(renderJsonFeed(EVENTS, m));
    for (const links of [
      rssFeed.entries.map((e) => e.link),
      atomFeed.entries.map((e) => e.link),
      json.items.map((i: { url: string }) => i.url),
    ]) {
      for (const l of links) expect(l).toMatch(/^https?:\/\//);
      expect(links[EVENTS.indexOf(extended)]).toBe(`${BASE}/items/ukraine-talks/deadline/ceasefire-response`);
      expect(links[EVENTS.indexOf(nasty)]).toBe(`${BASE}/items/ukraine-talks/deadline/nasty`);
    }
    expect(rssFeed.feed.language).toBe("en");
    expect(rssFeed.feed.icon).toBe(`${BASE}/feeds/icon.png`);
    expect(atomFeed.feed.icon).toBe(`${BASE}/feeds/icon.png`);
    expect(json.language).toBe("en");
    expect(json.icon).toBe(`${BASE}/feeds/icon.png`);
  });

  it("HTML list items are separated by line breaks", () => {
    const html = renderRss([downgraded], meta([downgraded]));
    expect(html).toContain("</li>\n<li>");
  });
});
