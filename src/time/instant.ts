/**
 * Dates and instants: RFC 3339 validation and normalization, and date-only
 * values read in an IANA time zone. Uses only Intl, so it runs the same in
 * workerd and Node.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAY_MS = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= MONTH_DAYS[m - 1] + (leap ? 1 : 0);
}

export function isDateOnly(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  return m !== null && validYmd(+m[1], +m[2], +m[3]);
}

/** Milliseconds since the epoch of an RFC 3339 date-time with offset, or NaN. */
export function parseRfc3339(value: string): number {
  const m = RFC3339.exec(value);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]];
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || s > 60) return Number.NaN;
  if (m[9] && (+m[10] > 23 || +m[11] > 59)) return Number.NaN;
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  let t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  if (m[9]) t -= (m[9] === "-" ? -1 : 1) * (+m[10] * 60 + +m[11]) * 60_000;
  return t;
}

export function isRfc3339(value: string): boolean {
  return !Number.isNaN(parseRfc3339(value));
}

/** `2025-04-18T11:30:00Z` (milliseconds only when non-zero). */
export function toUtcIso(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
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

export function isValidTimeZone(timeZone: string): boolean {
  if (formatters.has(timeZone)) return true;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of an instant in a zone. */
function wallClock(
  ms: number,
  timeZone: string,
): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour, mi: parts.minute, s: parts.second };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - (ms - (ms % 1000));
}

/** The instant at which local midnight starts the given calendar date in a zone. */
export function zonedMidnight(y: number, m: number, d: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d);
  let t = guess - offsetAt(guess, timeZone);
  // A second pass settles dates where the offset differs at the guess (DST).
  t = guess - offsetAt(t, timeZone);
  return t;
}

/** Start (00:00 local) of a `YYYY-MM-DD` day in a zone. */
export function startOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return zonedMidnight(y, m, d, timeZone);
}

/** End of a `YYYY-MM-DD` day in a zone: the instant the next day begins there. */
export function endOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d) + DAY_MS);
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
  return `${w.y}-${String(w.m).padStart(2, "0")}-${String(w.d).padStart(2, "0")}`;
}
