/**
 * Date-only values in a zone: the instant a day begins or ends where an item
 * lives (clocks that skip midnight included), the instant a due/start value
 * means, and the local date of an instant.
 */
import { DAY_MS, utcMs } from "./calendar.ts";
import { isDateOnly, parseRfc3339 } from "./rfc3339.ts";
import { wallClock } from "./time-zone.ts";

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
