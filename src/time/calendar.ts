/** Calendar arithmetic in UTC, years 0000–0099 included (which Date.UTC would read as 1900–1999). */

export const DAY_MS = 86_400_000;

/** 400 Gregorian years, in ms: the calendar repeats exactly after 146,097 days. */
const GREGORIAN_CYCLE_MS = 146_097 * DAY_MS;

/**
 * Date.UTC for any year: Date.UTC reads years 0–99 as 1900–1999, so those
 * are computed 400 years later (the same weekdays and leap years) and moved
 * back by one Gregorian cycle.
 */
export function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (y >= 0 && y <= 99) return Date.UTC(y + 400, mo, d, h, mi, s, ms) - GREGORIAN_CYCLE_MS;
  return Date.UTC(y, mo, d, h, mi, s, ms);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= MONTH_DAYS[m - 1] + (leap ? 1 : 0);
}
