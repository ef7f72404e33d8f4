/**
 * The iCalendar (RFC 5545) text pieces the VEVENT writer needs, by hand
 * rather than through `ical-generator`: rendering 1,000 entries through
 * ical-generator took 40–60 ms on the bench host, most of it in its whole-
 * document folding pass (a character-by-character string rebuild) and its
 * per-value `TZDate` conversions; the goal is under 20 ms for 1,000 items.
 * Each piece here is small and tested (test/calendar/ical-text.test.ts).
 *
 * - TEXT escaping: `\` `;` `,` escaped, every line end (CRLF, CR, LF) as `\n`.
 * - Folding: content lines at most 75 octets (CRLF excluded), continued
 *   with CRLF + one space, never inside a UTF-8 sequence or a surrogate pair.
 * - Date-times: UTC as `YYYYMMDDTHHMMSSZ`; zoned as the wall-clock time in
 *   the zone (`YYYYMMDDTHHMMSS`), read from a cached `Intl.DateTimeFormat`.
 */
import { TZDate } from "@date-fns/tz";

const TEXT_SPECIAL = /[\\;,]|\r\n?|\n/g;

function escapeChar(ch: string): string {
  return ch === "\\" || ch === ";" || ch === "," ? `\\${ch}` : "\\n";
}

/** A TEXT value escaped (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(TEXT_SPECIAL, escapeChar);
}

const MAX_OCTETS = 75;

/** A content line folded at 75 octets, without splitting a UTF-8 sequence (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  // At most 3 octets per UTF-16 unit (a surrogate pair is 4 octets for 2 units).
  if (line.length * 3 <= MAX_OCTETS) return line;
  let out = "";
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < line.length;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (octets + n > MAX_OCTETS) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 1; // the leading space
    }
    octets += n;
    if (pair) i++;
  }
  return start === 0 ? line : out + line.slice(start);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad4(n: number): string {
  return n >= 1000 ? `${n}` : `${n}`.padStart(4, "0");
}

function dateTime(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  return `${pad4(y)}${pad2(mo)}${pad2(d)}T${pad2(h)}${pad2(mi)}${pad2(s)}`;
}

/** An instant (ms) as a UTC DATE-TIME: `YYYYMMDDTHHMMSSZ`. */
export function utcDateTime(ms: number): string {
  const t = new Date(ms);
  return `${dateTime(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds())}Z`;
}

/** A `YYYY-MM-DD` date as a DATE value: `YYYYMMDD`. */
export function icalDate(date: string): string {
  return date.slice(0, 4) + date.slice(5, 7) + date.slice(8, 10);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    if (formats.size > 1000) formats.clear();
    formats.set(zone, f);
  }
  return f;
}

// "MM/DD/YYYY, HH:MM:SS", as en-US writes it; `format` is several times faster than `formatToParts`.
const US_DATE_TIME = /^(\d\d)\/(\d\d)\/(\d{1,4}), (\d\d):(\d\d):(\d\d)$/;

/** An instant (ms) as the wall-clock DATE-TIME in an IANA zone: `YYYYMMDDTHHMMSS` (for `;TZID=zone`). */
export function zonedDateTime(ms: number, zone: string): string {
  const m = US_DATE_TIME.exec(zoneFormat(zone).format(ms));
  if (m !== null) return dateTime(+m[3], +m[1], +m[2], +m[4], +m[5], +m[6]);
  // Any other shape (a year before 1 or after 9999): TZDate's wall-clock fields.
  const t = new TZDate(ms, zone);
  return dateTime(t.getFullYear(), t.getMonth() + 1, t.getDate(), t.getHours(), t.getMinutes(), t.getSeconds());
}
