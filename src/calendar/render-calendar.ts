/**
 * Writes calendar entries as an iCalendar document (RFC 5545, RFC 7986).
 * The calendar's own properties come from `ical-generator` (METHOD:PUBLISH,
 * NAME / X-WR-CALNAME, URL / SOURCE, REFRESH-INTERVAL and X-PUBLISHED-TTL);
 * VTIMEZONE blocks from `timezones-ical-library`, one per zone used, after
 * the properties. The VEVENTs are written here by hand (src/calendar/ical-text.ts
 * says why: speed) with the same lines ical-generator wrote, in the same order:
 * TEXT escaping, CRLF line ends and folding at 75 octets without splitting
 * a UTF-8 sequence; zoned times as wall-clock time with TZID.
 * No VTODO, no VALARM.
 */
import ical, { ICalCalendarMethod, escape as icalEscape } from "ical-generator";
import { tzlib_get_ical_block } from "timezones-ical-library";
import type { CalendarEntry } from "./calendar-entry.ts";
import { escapeText, foldLine, icalDate, utcDateTime, zonedDateTime } from "./ical-text.ts";

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
function zoneBlock(zone: string): string | null {
  const got = tzlib_get_ical_block(zone);
  if (!Array.isArray(got) || !got[0]?.startsWith("BEGIN:VTIMEZONE")) return null;
  return got[0]
    .replace(/^(TZID|X-LIC-LOCATION):.*$/gm, (_line, name: string) => `${name}:${zone}`)
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map(foldLine)
    .join("\r\n");
}

/** The VTIMEZONE block of a zone (CRLF line ends, no final line end), computed once per zone. */
export function vtimezone(zone: string): string | null {
  let block = blocks.get(zone);
  if (block === undefined) {
    block = zoneBlock(zone);
    if (blocks.size > 1000) blocks.clear();
    blocks.set(zone, block);
  }
  return block;
}

/** Whether a VTIMEZONE can be written for the zone (else its times are given in UTC). */
export function hasVtimezone(zone: string): boolean {
  return vtimezone(zone) !== null;
}

/** BEGIN:VCALENDAR and the calendar's properties, each line ending in CRLF. */
function calendarHead(meta: CalendarMeta): string {
  const text = ical({
    prodId: CALENDAR_PRODID,
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes NAME and X-WR-CALDESC unescaped.
    name: icalEscape(meta.name, false),
    ...(meta.description !== undefined && { description: icalEscape(meta.description, false) }),
    ...(meta.url !== undefined && { url: meta.url, source: meta.url }),
    ttl: meta.refreshSeconds,
  }).toString();
  return text.slice(0, text.lastIndexOf("END:VCALENDAR"));
}

const URL_DROPPED = /[\t\r\n]/g;

function line(text: string): string {
  return `${foldLine(text)}\r\n`;
}

function whenLines(e: CalendarEntry): string {
  const w = e.when;
  if (w.allDay) {
    return (
      `DTSTART;VALUE=DATE:${icalDate(w.start)}\r\nDTEND;VALUE=DATE:${icalDate(w.end)}\r\n` +
      "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\nX-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE\r\n"
    );
  }
  const zone = w.timeZone;
  if (zone === undefined) {
    return `DTSTART:${utcDateTime(w.start)}\r\n${w.end === undefined ? "" : `DTEND:${utcDateTime(w.end)}\r\n`}`;
  }
  const start = line(`DTSTART;TZID=${zone}:${zonedDateTime(w.start, zone)}`);
  return w.end === undefined ? start : start + line(`DTEND;TZID=${zone}:${zonedDateTime(w.end, zone)}`);
}

/** One VEVENT, its lines in ical-generator's order. */
function eventText(e: CalendarEntry): string {
  const modified = utcDateTime(e.modified);
  let text = `BEGIN:VEVENT\r\n${line(`UID:${e.uid}`)}SEQUENCE:${e.sequence}\r\nDTSTAMP:${modified}\r\n`;
  text += whenLines(e);
  text += line(`SUMMARY:${escapeText(e.summary)}`);
  if (e.location) text += line(`LOCATION:${escapeText(e.location)}`);
  if (e.description) text += line(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.categories.length > 0) text += line(`CATEGORIES:${e.categories.map(escapeText).join(",")}`);
  // A URI value, not TEXT, so not escaped (RFC 5545 §3.3.13); tabs and line ends dropped, as URL parsers do.
  if (e.url) text += line(`URL;VALUE=URI:${e.url.replace(URL_DROPPED, "")}`);
  text += `STATUS:${e.status}\r\nCREATED:${utcDateTime(e.created)}\r\nLAST-MODIFIED:${modified}\r\nEND:VEVENT\r\n`;
  return text;
}

export function renderCalendar(entries: readonly CalendarEntry[], meta: CalendarMeta): string {
  let zones = "";
  const seen = new Set<string>();
  let events = "";
  for (const e of entries) {
    const zone = e.when.allDay ? undefined : e.when.timeZone;
    if (zone !== undefined && !seen.has(zone)) {
      seen.add(zone);
      const block = vtimezone(zone);
      if (block !== null) zones += `${block}\r\n`;
    }
    events += eventText(e);
  }
  return `${calendarHead(meta)}${zones}${events}END:VCALENDAR\r\n`;
}
