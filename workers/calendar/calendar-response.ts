/**
 * Turns stored items into a calendar response: the entries first (cheap), so
 * the ETag covers exactly what would be rendered and a 304 renders nothing.
 */
import type { Context } from "hono";
import { type CalendarEntry, calendarEntry } from "../../src/calendar/calendar-entry.ts";
import { hasVtimezone, renderCalendar } from "../../src/calendar/render-calendar.ts";
import type { StoredItem } from "../catalog/catalog-types.ts";
import { readConfig } from "../config.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isNotModified, lastModified, strongEtag } from "../http/conditional.ts";

export const CALENDAR_TYPE = "text/calendar; charset=utf-8";
const CACHE_CONTROL = "public, max-age=60";

/** REFRESH-INTERVAL / X-PUBLISHED-TTL in seconds (`CALENDAR_REFRESH_MINUTES`, default 15). */
export function refreshSeconds(env: Env): number {
  return readConfig(env).calendarRefreshSeconds;
}

export function calendarEntries(items: readonly StoredItem[], origin: string, now: number): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const { source, tracked } of items) {
    const entry = calendarEntry(tracked, {
      source,
      now,
      zoneOk: hasVtimezone,
      fallbackUrl: (s, item) => `${origin}/api/items/${s}/${item.kind}/${item.id}`,
    });
    if (entry) entries.push(entry);
  }
  return entries;
}

export interface CalendarRead {
  items: StoredItem[];
  /** When the latest of the items was written (ms), for Last-Modified. */
  writtenMs: number | null;
  name: string;
  description: string;
  now: number;
}

export async function respondCalendar(c: Context<AppEnv>, read: CalendarRead): Promise<Response> {
  const url = new URL(c.req.url);
  const refresh = refreshSeconds(c.env);
  const entries = calendarEntries(read.items, url.origin, read.now);
  const etag = await strongEtag(
    "ics",
    url.host,
    url.pathname,
    url.search,
    String(refresh),
    ...entries.map((e) => `${e.uid} ${e.sequence} ${e.status}`),
  );
  const headers: Record<string, string> = { ETag: etag, "Cache-Control": CACHE_CONTROL, Vary: "Accept-Encoding" };
  const modified = lastModified(read.writtenMs);
  if (modified !== null) headers["Last-Modified"] = modified;
  if (isNotModified(c.req.raw, etag, modified)) return c.body(null, 304, headers);
  const body = renderCalendar(entries, {
    name: read.name,
    description: read.description,
    url: url.toString(),
    refreshSeconds: refresh,
  });
  return c.body(body, 200, { ...headers, "Content-Type": CALENDAR_TYPE });
}

/** The `webcal://` form of an http(s) calendar URL, for subscribing from calendar apps. */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:/i, "webcal:");
}
