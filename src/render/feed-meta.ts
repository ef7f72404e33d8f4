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
