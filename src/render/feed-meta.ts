import type { ChangeEvent } from "../events/event.ts";
import { parseRfc3339, toUtcIso } from "../time/instant.ts";

/** What a feed says about itself; the same for the RSS, Atom and JSON Feed renderings. */
export interface FeedMeta {
  title: string;
  description: string;
  /** Absolute URL of this feed. */
  selfUrl: string;
  /** Absolute URL of the HTML/home page. */
  siteUrl: string;
  /** RFC 3339: newest event's detected_at, or a fixed epoch when empty (see `feedUpdated`). */
  updated: string;
  /** The same feed in the other formats, advertised as alternate links. */
  alternates?: { rss?: string; atom?: string; json?: string };
  /** WebSub hubs (rel="hub" links, JSON Feed `hubs`). */
  hubs?: readonly string[];
  /** parley's base URL (the request's origin or PUBLIC_BASE_URL, no trailing slash): entries of items without a `url` link to their board page there, and each entry's source to its feed. */
  baseUrl?: string;
  /** Source id → its title, to name each entry's source (its id when it has no title). */
  sourceNames?: Readonly<Record<string, string>>;
  /** Absolute URL of the feed's icon. */
  iconUrl?: string;
  /** The language of the feed's own text (titles, labels): `en`. */
  language?: string;
  /**
   * When parley published each event (ms, the catalog's `written_ms`), parallel to the events: the
   * entries' pubDate / published / date_published, so a change detected late still sorts as new.
   * An event without one is dated by its detected_at.
   */
  publishedMs?: readonly (number | undefined)[];
}

/** The fixed `updated` of a feed with no events, so an empty feed renders the same every time. */
export const EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z";

/** `FeedMeta.updated` for these events: the newest `detected_at`, or `EMPTY_FEED_UPDATED`. */
export function feedUpdated(events: readonly ChangeEvent[]): string {
  let newest = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    const t = parseRfc3339(e.detected_at);
    if (t > newest) newest = t;
  }
  return newest === Number.NEGATIVE_INFINITY ? EMPTY_FEED_UPDATED : toUtcIso(newest);
}

/** The entry's publication time, RFC 3339 UTC: `meta.publishedMs[i]`, else the event's detected_at. */
export function publishedAt(meta: FeedMeta, event: ChangeEvent, i: number): string {
  const ms = meta.publishedMs?.[i];
  return ms === undefined || !Number.isFinite(ms) ? event.detected_at : toUtcIso(ms);
}

/** What the renderers say about one entry's source and link. */
export interface EntrySource {
  name: string;
  /** parley's feed of that source alone (in the given format), when the base URL is known. */
  feedUrl?: string;
}

export function entrySource(meta: FeedMeta, event: ChangeEvent, format: "rss" | "atom" | "json"): EntrySource {
  const name = meta.sourceNames?.[event.source] || event.source;
  if (meta.baseUrl === undefined) return { name };
  return { name, feedUrl: `${meta.baseUrl}/feeds/changes.${format}?source=${encodeURIComponent(event.source)}` };
}
