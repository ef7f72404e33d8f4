/**
 * Writes calendar entries as an iCalendar document (RFC 5545, RFC 7986) with
 * `ical-generator`, which does the escaping (TEXT `\ ; ,` and line ends), CRLF
 * line ends and folding at 75 octets without splitting a UTF-8 sequence.
 * VTIMEZONE blocks come from `timezones-ical-library`, one per zone used.
 * Zoned times are `TZDate`s (`@date-fns/tz`), which ical-generator reads as
 * wall-clock time in the zone (a plain Date would be read in the host's zone).
 * METHOD:PUBLISH, NAME / X-WR-CALNAME, REFRESH-INTERVAL and X-PUBLISHED-TTL;
 * no VTODO, no VALARM.
 */
import { TZDate } from "@date-fns/tz";
import ical, { ICalCalendarMethod, ICalEventStatus, escape as icalEscape } from "ical-generator";
import { tzlib_get_ical_block } from "timezones-ical-library";
import type { CalendarEntry } from "./calendar-entry.ts";

export interface CalendarMeta {
  name: string;
  description?: string;
  /** The calendar's own URL (RFC 7986 URL / SOURCE). */
  url?: string;
  /** How often clients should refresh, in seconds (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
  refreshSeconds: number;
}

export const CALENDAR_PRODID = "-//parley//calendar//EN";

const blocks = new Map<string, string | null>();

/** The VTIMEZONE block of an IANA zone with its TZID as named here (the library writes some under a newer alias). */
export function vtimezone(zone: string): string | null {
  let block = blocks.get(zone);
  if (block === undefined) {
    const got = tzlib_get_ical_block(zone);
    block = null;
    if (Array.isArray(got) && got[0]?.startsWith("BEGIN:VTIMEZONE")) {
      block = got[0].replace(/^(TZID|X-LIC-LOCATION):.*$/gm, (_line, name: string) => `${name}:${zone}`);
    }
    if (blocks.size > 1000) blocks.clear();
    blocks.set(zone, block);
  }
  return block;
}

/** Whether a VTIMEZONE can be written for the zone (else its times are given in UTC). */
export function hasVtimezone(zone: string): boolean {
  return vtimezone(zone) !== null;
}

const STATUS = {
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CONFIRMED: ICalEventStatus.CONFIRMED,
  CANCELLED: ICalEventStatus.CANCELLED,
} as const;

/** A `YYYY-MM-DD` date as the Date ical-generator writes as that date (all-day values carry no zone). */
function dateValue(date: string): Date {
  const d = new Date(0);
  const [y, m, day] = date.split("-").map(Number);
  d.setUTCFullYear(y, m - 1, day);
  return d;
}

function timeValue(ms: number, zone: string | undefined): Date {
  return zone === undefined ? new Date(ms) : new TZDate(ms, zone);
}

export function renderCalendar(entries: readonly CalendarEntry[], meta: CalendarMeta): string {
  const calendar = ical({
    prodId: CALENDAR_PRODID,
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes NAME and X-WR-CALDESC unescaped.
    name: icalEscape(meta.name, false),
    ...(meta.description !== undefined && { description: icalEscape(meta.description, false) }),
    ...(meta.url !== undefined && { url: meta.url, source: meta.url }),
    ttl: meta.refreshSeconds,
    // No zone name (DTSTAMP, CREATED and LAST-MODIFIED then stay in UTC); a VTIMEZONE per zone used.
    timezone: { name: null, generator: (zone: string) => vtimezone(zone) },
  });
  for (const e of entries) {
    const w = e.when;
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: new Date(e.modified),
      created: new Date(e.created),
      lastModified: new Date(e.modified),
      ...(w.allDay
        ? { allDay: true, start: dateValue(w.start), end: dateValue(w.end), timezone: null }
        : {
            start: timeValue(w.start, w.timeZone),
            ...(w.end !== undefined && { end: timeValue(w.end, w.timeZone) }),
            timezone: w.timeZone ?? null,
          }),
      summary: e.summary,
      description: e.description,
      ...(e.location !== undefined && { location: e.location }),
      ...(e.url !== undefined && { url: e.url }),
      categories: e.categories.map((name) => ({ name })),
      status: STATUS[e.status],
    });
  }
  return calendar.toString();
}
