/**
 * Dates and instants: RFC 3339 validation and normalization, and date-only
 * values read in an IANA time zone. Uses only Intl, so it runs the same in
 * workerd and Node.
 */

const DAY_MS = 86_400_000;

/** 400 Gregorian years, in ms: the calendar repeats exactly after 146,097 days. */
const GREGORIAN_CYCLE_MS = 146_097 * DAY_MS;

/**
 * Date.UTC for any year: Date.UTC reads years 0–99 as 1900–1999, so those
 * are computed 400 years later (the same weekdays and leap years) and moved
 * back by one Gregorian cycle.
 */
function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (y >= 0 && y <= 99) return Date.UTC(y + 400, mo, d, h, mi, s, ms) - GREGORIAN_CYCLE_MS;
  return Date.UTC(y, mo, d, h, mi, s, ms);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= MONTH_DAYS[m - 1] + (leap ? 1 : 0);
}

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

const HYPHEN = 45;
const COLON = 58;
const DOT = 46;
const PLUS = 43;
const MINUS_SIGN = 0x2212;
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

/*
 * Zone caches are keyed by the string as written. Sources use a handful of
 * zones, but spellings come from outside (any case of any name), so the
 * caches are emptied when they grow past this rather than growing without
 * bound in a long-lived isolate.
 */
const MAX_CACHED_ZONES = 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      // The era tells 1 BC (year 0 in ISO 8601, which RFC 3339 dates can reach) from AD 1.
      era: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An accepted zone as written → its stored spelling (see canonicalTimeZone). */
const zoneNames = new Map<string, string>();

/** Whether a zone is a UTC offset (`+01:00`, `-0530`, `+14`), which Intl accepts as a time zone. */
export function isOffsetTimeZone(timeZone: string): boolean {
  const first = timeZone.charCodeAt(0);
  return first === PLUS || first === HYPHEN || first === MINUS_SIGN;
}

/**
 * The spelling to store for an IANA time zone name, or undefined when it is
 * not one. Intl reads zone names in any case, so `europe/paris` is taken as
 * Intl writes it, `Europe/Paris`: the same zone then compares equal however a
 * source cases it. Only the case is changed: an alias Intl resolves to another
 * name (`Europe/Kyiv` → `Europe/Kiev` in current ICU data) is kept as written.
 * UTC offsets are refused: Intl accepts them, but an item's zone is an IANA
 * name (offsets belong in the date-times). Cached per string: every item of
 * every document asks.
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  const known = zoneNames.get(timeZone);
  if (known !== undefined) return known;
  if (isOffsetTimeZone(timeZone)) return undefined;
  let resolved: string;
  try {
    resolved = formatter(timeZone).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  if (isOffsetTimeZone(resolved)) return undefined;
  const name = resolved !== timeZone && resolved.toLowerCase() === timeZone.toLowerCase() ? resolved : timeZone;
  if (zoneNames.size >= MAX_CACHED_ZONES) zoneNames.clear();
  zoneNames.set(timeZone, name);
  return name;
}

export function isValidTimeZone(timeZone: string): boolean {
  return canonicalTimeZone(timeZone) !== undefined;
}

/** Wall-clock fields of an instant in a zone, read from formatToParts (the slow, sure way). */
function wallClockFromParts(
  ms: number,
  timeZone: string,
): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const y = Number(parts.year);
  return {
    y: parts.era?.startsWith("B") ? 1 - y : y,
    m: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour),
    mi: Number(parts.minute),
    s: Number(parts.second),
  };
}

/**
 * Wall-clock fields of an instant in a zone, years before AD 1 as ISO 8601
 * years (1 BC is year 0). Reads the six numbers of `format()`
 * (`MM/DD/YYYY AD, HH:MM:SS` in en-US) in order rather than calling
 * formatToParts, which builds an object per part and takes about 2.5 times as
 * long; a text of any other shape falls back to formatToParts.
 */
function wallClock(
  ms: number,
  timeZone: string,
): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const text = formatter(timeZone).format(ms);
  let m = 0;
  let d = 0;
  let y = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  let field = -1;
  let inNumber = false;
  let bc = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) {
      inNumber = false;
      if (c === 66 - 48) bc = true; // "B" of the era BC
      continue;
    }
    if (!inNumber) {
      inNumber = true;
      field++;
    }
    if (field === 0) m = m * 10 + c;
    else if (field === 1) d = d * 10 + c;
    else if (field === 2) y = y * 10 + c;
    else if (field === 3) h = h * 10 + c;
    else if (field === 4) mi = mi * 10 + c;
    else if (field === 5) s = s * 10 + c;
  }
  if (field !== 5) return wallClockFromParts(ms, timeZone);
  return { y: bc ? 1 - y : y, m, d, h, mi, s };
}

/** The wall-clock time of an instant in a zone, as ms since the epoch of that time read as UTC. */
function localMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return utcMs(w.y, w.m - 1, w.d, w.h, w.mi, w.s) + (ms - Math.floor(ms / 1000) * 1000);
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  return localMs(ms, timeZone) - ms;
}

/**
 * The first instant whose local date, in the zone, is the given calendar date:
 * local midnight when the zone has one that day, else the end of the gap that
 * swallowed it (America/Santiago on 2024-09-08 skips 00:00–01:00, so the day
 * begins at 01:00 local). When a change moves clocks back over midnight, the
 * first of the two midnights.
 *
 * Candidates are the UTC midnight of the date minus the zone's offset a day
 * before, at, and a day after it; those whose local time falls on the date
 * (or later, for a day a zone skipped entirely, such as Pacific/Apia on
 * 2011-12-30) are kept, and the earliest wins. It is exact local midnight
 * unless midnight fell in a gap; then the gap's end is found by halving the
 * stretch before it, second by second (a handful of days in a few zones).
 */
export function zonedMidnight(y: number, m: number, d: number, timeZone: string): number {
  const guess = utcMs(y, m - 1, d);
  let best = Number.NaN;
  let bestLocal = 0;
  let previous = Number.NaN;
  for (let k = -1; k <= 1; k++) {
    const t = guess - offsetAt(guess + k * DAY_MS, timeZone);
    if (t === previous) continue; // the same offset as the last probe: the same candidate
    previous = t;
    if (t >= best) continue;
    const local = localMs(t, timeZone);
    if (local >= guess) {
      best = t;
      bestLocal = local;
    }
  }
  if (Number.isNaN(best)) return guess - offsetAt(guess, timeZone); // no candidate reached the date (never seen)
  if (bestLocal === guess) return best;
  // Midnight fell in a gap: the day begins where the gap ends, at most (bestLocal - guess) before `best`.
  if (localMs(best - 1000, timeZone) < guess) return best;
  let lo = (best - (bestLocal - guess)) / 1000; // whole seconds; local date before the date
  let hi = best / 1000; // local date on or after it
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localMs(mid * 1000, timeZone) >= guess) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

/** Start of a `YYYY-MM-DD` day in a zone: 00:00 local, or the first instant of the day where 00:00 is skipped. */
export function startOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return zonedMidnight(y, m, d, timeZone);
}

/** End of a `YYYY-MM-DD` day in a zone: the instant the next day begins there. */
export function endOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const next = new Date(utcMs(y, m - 1, d) + DAY_MS);
  return zonedMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
}

/**
 * The instant a due/start value means: a date-time as written, a date-only
 * value as the start or end of that day in the item's zone.
 */
export function instantOf(value: string, timeZone: string, dateOnlyAs: "start" | "end"): number {
  if (isDateOnly(value)) return dateOnlyAs === "end" ? endOfDay(value, timeZone) : startOfDay(value, timeZone);
  return parseRfc3339(value);
}

/** The calendar date (`YYYY-MM-DD`) of a value in a zone. */
export function localDate(value: string, timeZone: string): string {
  if (isDateOnly(value)) return value;
  const w = wallClock(parseRfc3339(value), timeZone);
  return `${String(w.y).padStart(4, "0")}-${String(w.m).padStart(2, "0")}-${String(w.d).padStart(2, "0")}`;
}
