/**
 * Countdown wording for the board: "in 2 days 4 h", "in 3 h 12 min",
 * "in 5 min", "lapsed 3 h ago". Two units at most, never finer than a
 * minute, so the text changes at most once a minute. The page's inline
 * script (workers/pages/assets.ts) holds the same rules in plain JS.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The span as at most two units ("2 days 4 h", "3 h 12 min", "5 min", "less than a minute"). */
export function spanText(ms: number): string {
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  if (d > 0) return h > 0 ? `${d} ${d === 1 ? "day" : "days"} ${h} h` : `${d} ${d === 1 ? "day" : "days"}`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return m > 0 ? `${m} min` : "less than a minute";
}

/** "in …" before `targetMs`, "`pastWord` … ago" after it. */
export function countdown(targetMs: number, nowMs: number, pastWord = "lapsed"): string {
  const diff = targetMs - nowMs;
  return diff >= 0 ? `in ${spanText(diff)}` : `${pastWord} ${spanText(-diff)} ago`;
}
