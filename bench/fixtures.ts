/**
 * Synthetic update documents for benches: `makeItems(n)` builds n realistic
 * items (a mix of deadlines and meetings) in the JSON encoding's shape, and
 * the serializers write the same facts as JSON or as RSS 2.0 with `pu:`
 * extension elements. Deterministic: the same n always gives the same text.
 */

export interface RawLocation {
  city?: string;
  country?: string;
  venue?: string;
}

/** One item in the JSON encoding's field names (every optional field may be absent). */
export interface RawItem {
  kind: "deadline" | "meeting";
  id: string;
  title: string;
  summary?: string;
  url?: string;
  updated_at?: string;
  tags?: string[];
  parties?: string[];
  timezone?: string;
  due?: string;
  due_text?: string;
  status: string;
  set_by?: string;
  starts_at?: string;
  ends_at?: string;
  location?: RawLocation;
  level?: string;
  participants?: string[];
  outcome?: string;
}

const PARTIES = ["United States", "Ukraine", "Russia", "France", "United Kingdom", "Germany", "Italy", "Turkey"];
const TAGS = ["ukraine", "russia", "peace-talks", "minerals", "trade", "ceasefire", "sanctions", "energy"];
const PLACES: Array<{ city: string; country: string; venue: string; timezone: string }> = [
  { city: "Paris", country: "FR", venue: "Élysée Palace", timezone: "Europe/Paris" },
  { city: "London", country: "GB", venue: "Lancaster House", timezone: "Europe/London" },
  { city: "Rome", country: "IT", venue: "Palazzo Chigi", timezone: "Europe/Rome" },
  { city: "Istanbul", country: "TR", venue: "Dolmabahçe Palace", timezone: "Europe/Istanbul" },
  { city: "Riyadh", country: "SA", venue: "Diriyah Palace", timezone: "Asia/Riyadh" },
];
const DEADLINE_STATUSES = ["open", "open", "open", "met", "missed", "withdrawn"];
const MEETING_STATUSES = ["proposed", "scheduled", "confirmed", "postponed", "held", "cancelled"];
const LEVELS = ["leaders", "ministerial", "envoy", "officials", "technical"];

const BASE = Date.UTC(2025, 3, 1, 9, 0, 0);
const HOUR = 3_600_000;

function pick<T>(list: readonly T[], i: number, count: number): T[] {
  const out: T[] = [];
  for (let k = 0; k < count; k++) out.push(list[(i + k * 3) % list.length]);
  return [...new Set(out)];
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function makeItems(n: number): RawItem[] {
  const items: RawItem[] = [];
  for (let i = 0; i < n; i++) {
    const updated = iso(BASE + i * HOUR);
    const tags = pick(TAGS, i, 1 + (i % 3));
    if (i % 2 === 0) {
      const dueMs = BASE + (10 + (i % 60)) * 24 * HOUR;
      const item: RawItem = {
        kind: "deadline",
        id: `deadline-${i}`,
        title: `Deadline ${i}: decision on the ${tags[0]} track & next steps`,
        summary: `Officials said a decision on item ${i} is expected "within a matter of days"; <b>unconfirmed</b>.`,
        url: `https://example.org/tracker/deadlines/${i}`,
        updated_at: updated,
        tags,
        parties: pick(PARTIES, i, 2 + (i % 3)),
        timezone: i % 4 === 0 ? "America/New_York" : "UTC",
        status: DEADLINE_STATUSES[i % DEADLINE_STATUSES.length],
        set_by: PARTIES[i % PARTIES.length],
      };
      if (i % 3 !== 1) item.due = i % 6 === 0 ? day(dueMs) : iso(dueMs);
      if (i % 3 !== 0) item.due_text = "within a matter of days";
      items.push(item);
    } else {
      const place = PLACES[i % PLACES.length];
      const startMs = BASE + (5 + (i % 40)) * 24 * HOUR;
      const status = MEETING_STATUSES[i % MEETING_STATUSES.length];
      const item: RawItem = {
        kind: "meeting",
        id: `meeting-${i}`,
        title: `Talks in ${place.city} (round ${i})`,
        url: `https://example.org/tracker/meetings/${i}`,
        updated_at: updated,
        tags,
        timezone: place.timezone,
        status,
        location: { city: place.city, country: place.country, venue: place.venue },
        level: LEVELS[i % LEVELS.length],
        participants: pick(PARTIES, i, 2 + (i % 4)),
      };
      if (i % 5 !== 0) item.summary = `Round ${i} of talks hosted in ${place.city}.`;
      if (status !== "proposed" || i % 4 === 1) {
        item.starts_at = i % 3 === 0 ? day(startMs) : iso(startMs);
        if (i % 3 !== 0) item.ends_at = iso(startMs + 6 * HOUR);
      }
      if (status === "held") item.outcome = "Described as constructive; a follow-up round was agreed.";
      items.push(item);
    }
  }
  return items;
}

export const DOCUMENT_TITLE = "Synthetic negotiation tracker";
export const DOCUMENT_LINK = "https://example.org/tracker";
export const GENERATED_AT = "2025-06-01T12:00:00Z";

export function toJsonDocument(items: RawItem[], mode: "snapshot" | "updates" = "snapshot"): string {
  return JSON.stringify({
    version: "1",
    mode,
    title: DOCUMENT_TITLE,
    link: DOCUMENT_LINK,
    generated_at: GENERATED_AT,
    items,
  });
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function el(name: string, value: string | undefined): string {
  return value === undefined ? "" : `<${name}>${esc(value)}</${name}>`;
}

function els(name: string, values: string[] | undefined): string {
  return values ? values.map((v) => el(name, v)).join("") : "";
}

function rfc822(value: string | undefined): string | undefined {
  return value === undefined ? undefined : new Date(value).toUTCString();
}

function rssItem(item: RawItem): string {
  const loc = item.location;
  return [
    "    <item>",
    el("title", item.title),
    el("link", item.url),
    el("description", item.summary),
    el("pubDate", rfc822(item.updated_at)),
    els("category", item.tags),
    el("pu:kind", item.kind),
    el("pu:id", item.id),
    el("pu:due", item.due),
    el("pu:due-text", item.due_text),
    el("pu:status", item.status),
    el("pu:set-by", item.set_by),
    els("pu:party", item.parties),
    el("pu:timezone", item.timezone),
    el("pu:starts", item.starts_at),
    el("pu:ends", item.ends_at),
    loc
      ? `<pu:location>${el("pu:city", loc.city)}${el("pu:country", loc.country)}${el("pu:venue", loc.venue)}</pu:location>`
      : "",
    el("pu:level", item.level),
    els("pu:participant", item.participants),
    el("pu:outcome", item.outcome),
    "</item>",
  ]
    .filter((s) => s !== "")
    .join("\n      ");
}

export function toRssDocument(items: RawItem[], mode: "snapshot" | "updates" = "snapshot"): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:pu="urn:parley:update:1">',
    "  <channel>",
    `    ${el("title", DOCUMENT_TITLE)}`,
    `    ${el("link", DOCUMENT_LINK)}`,
    "    <description>Generated for benchmarks.</description>",
    `    ${el("lastBuildDate", rfc822(GENERATED_AT))}`,
    "    <pu:version>1</pu:version>",
    `    <pu:mode>${mode}</pu:mode>`,
    ...items.map(rssItem),
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}
