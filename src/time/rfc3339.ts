/**
 * RFC 3339 date-times and `YYYY-MM-DD` dates: validation, reading to an
 * instant (ms since the epoch), and writing an instant back in UTC.
 */
import { DAY_MS, utcMs, validYmd } from "./calendar.ts";

/*
 * The readers below walk the string by character code instead of running a
 * regular expression with a dozen capture groups: every item of a document
 * carries several dates, and this is the hottest check in validation.
 */

/** The value of `len` ASCII digits at `at`, or -1 if any is not a digit. */
function digitsAt(s: string, at: number, len: number): number {
  let v = 0;
  for (let k = at; k < at + len; k++) {
    const c = s.charCodeAt(k) - 48; // NaN past the end
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

export const HYPHEN = 45;
const COLON = 58;
const DOT = 46;
export const PLUS = 43;
const LOWER = 0x20;

/** `YYYY-MM-DD` at the start of `s` as [y, m, d] when it is a real calendar date, else undefined. */
function ymdAt(s: string): [number, number, number] | undefined {
  if (s.charCodeAt(4) !== HYPHEN || s.charCodeAt(7) !== HYPHEN) return undefined;
  const y = digitsAt(s, 0, 4);
  const m = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  if (y < 0 || m < 0 || d < 0 || !validYmd(y, m, d)) return undefined;
  return [y, m, d];
}

/** A date `YYYY-MM-DD` that exists in the calendar. */
export function isDateOnly(value: string): boolean {
  return value.length === 10 && ymdAt(value) !== undefined;
}

/**
 * Milliseconds since the epoch of an RFC 3339 date-time with offset
 * (`YYYY-MM-DDTHH:MM:SS[.fraction]Z` or `±HH:MM`; `t` and `z` in either case;
 * a fraction of any length, truncated to the millisecond), or NaN.
 *
 * Leap seconds: RFC 3339 §5.7 allows second 60 only where a leap second is
 * inserted, at 23:59:60 UTC (shifted by the offset, so the same instant
 * everywhere: `2017-01-01T00:59:60+01:00` is `2016-12-31T23:59:60Z`). JavaScript
 * time has no leap seconds, so such a value is read as 23:59:59 UTC (fraction
 * kept); second 60 at any other time is refused. (Which months actually had a
 * leap second is not checked.)
 */
export function parseRfc3339(value: string): number {
  const n = value.length;
  if (n < 20) return Number.NaN;
  const ymd = ymdAt(value);
  if (ymd === undefined || (value.charCodeAt(10) | LOWER) !== 0x74 /* t */) return Number.NaN;
  if (value.charCodeAt(13) !== COLON || value.charCodeAt(16) !== COLON) return Number.NaN;
  const h = digitsAt(value, 11, 2);
  const mi = digitsAt(value, 14, 2);
  const s = digitsAt(value, 17, 2);
  if (h < 0 || mi < 0 || s < 0 || h > 23 || mi > 59 || s > 60) return Number.NaN;
  let i = 19;
  let ms = 0;
  if (value.charCodeAt(i) === DOT) {
    // Any number of digits (RFC 3339 sets no limit); milliseconds are the
    // first three, the rest dropped: truncated, never rounded up to the next second.
    let k = i + 1;
    for (let c = value.charCodeAt(k) - 48; c >= 0 && c <= 9; c = value.charCodeAt(++k) - 48) {
      if (k - i <= 3) ms = ms * 10 + c;
    }
    const count = k - i - 1;
    if (count < 1) return Number.NaN;
    if (count < 3) ms *= count === 1 ? 100 : 10;
    i = k;
  }
  let t = utcMs(ymd[0], ymd[1] - 1, ymd[2], h, mi, Math.min(s, 59), ms);
  const zone = value.charCodeAt(i);
  if ((zone | LOWER) === 0x7a /* z */) return i + 1 !== n ? Number.NaN : s === 60 ? leapSecond(t, ms) : t;
  if ((zone !== PLUS && zone !== HYPHEN) || i + 6 !== n || value.charCodeAt(i + 3) !== COLON) return Number.NaN;
  const oh = digitsAt(value, i + 1, 2);
  const om = digitsAt(value, i + 4, 2);
  if (oh < 0 || om < 0 || oh > 23 || om > 59) return Number.NaN;
  t -= (zone === HYPHEN ? -1 : 1) * (oh * 60 + om) * 60_000;
  return s === 60 ? leapSecond(t, ms) : t;
}

/** `t` (second 60 read as 59) when that second is 23:59:59 in UTC, else NaN: see parseRfc3339. */
function leapSecond(t: number, ms: number): number {
  const second = t - ms;
  return ((second % DAY_MS) + DAY_MS) % DAY_MS === DAY_MS - 1000 ? t : Number.NaN;
}

/**
 * Whether a value is refused only for its second 60 (a leap second where none
 * can be: not 23:59:60 in UTC), so errors can say so. Used on error paths only.
 */
export function isMisplacedLeapSecond(value: string): boolean {
  if (value.charCodeAt(17) !== 54 /* 6 */ || value.charCodeAt(18) !== 48 /* 0 */) return false;
  return Number.isNaN(parseRfc3339(value)) && !Number.isNaN(parseRfc3339(`${value.slice(0, 17)}59${value.slice(19)}`));
}

export function isRfc3339(value: string): boolean {
  return !Number.isNaN(parseRfc3339(value));
}

/** `2025-04-18T11:30:00Z` (milliseconds only when non-zero). */
export function toUtcIso(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}
