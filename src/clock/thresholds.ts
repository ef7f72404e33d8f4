/**
 * Reminder thresholds for clock events: durations written like `7d`, `72h`,
 * `24h`, `1h`, `30m` (units w, d, h, m, s; compounds such as `1h30m` allowed).
 *
 * A threshold's canonical text (formatDuration) is what identifies it in the
 * fired-record keys and event ids, so `3d` and `72h` are the same threshold:
 * days are used only from 7 days up (whole days), otherwise whole hours, then
 * minutes, then seconds. The defaults round-trip unchanged.
 */
import { DEFAULTS } from "../config/defaults.ts";

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };
const DURATION = /^(?:\d+[wdhms])+$/;
const PART = /(\d+)([wdhms])/g;

const DAY = UNIT_MS.d;
const HOUR = UNIT_MS.h;
const MINUTE = UNIT_MS.m;
const SECOND = UNIT_MS.s;

export const DEADLINE_REMINDERS: readonly string[] = DEFAULTS.deadlineReminders;
export const MEETING_REMINDERS: readonly string[] = DEFAULTS.meetingReminders;

/** Milliseconds of a duration such as `72h`, or NaN when it is not one (or is zero). */
export function parseDuration(text: string): number {
  const t = text.trim().toLowerCase();
  if (!DURATION.test(t)) return Number.NaN;
  let ms = 0;
  for (const [, n, unit] of t.matchAll(PART)) ms += Number(n) * UNIT_MS[unit];
  return ms > 0 && Number.isSafeInteger(ms) ? ms : Number.NaN;
}

/** Canonical compact text of a positive whole-second duration: `7d`, `72h`, `1h`, `30m`, `90s`. */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms <= 0 || ms % SECOND !== 0) {
    throw new RangeError(`not a positive whole-second duration: ${ms} ms`);
  }
  if (ms >= 7 * DAY && ms % DAY === 0) return `${ms / DAY}d`;
  if (ms % HOUR === 0) return `${ms / HOUR}h`;
  if (ms % MINUTE === 0) return `${ms / MINUTE}m`;
  return `${ms / SECOND}s`;
}

/** The same choice of unit, in words: `7 days`, `72 hours`, `1 hour`, `30 minutes`. */
export function describeDuration(ms: number): string {
  const short = formatDuration(ms);
  const n = Number(short.slice(0, -1));
  const word = { d: "day", h: "hour", m: "minute", s: "second" }[short.slice(-1)] ?? "";
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export interface Threshold {
  /** Canonical text (formatDuration). */
  name: string;
  ms: number;
}

/**
 * Parses a configured list into distinct thresholds, largest first.
 * Throws a RangeError naming the first entry that is not a duration.
 */
export function parseThresholds(list: readonly string[]): Threshold[] {
  const byMs = new Map<number, Threshold>();
  for (const text of list) {
    const ms = parseDuration(text);
    if (Number.isNaN(ms)) {
      throw new RangeError(`invalid reminder threshold ${JSON.stringify(text)}: expected e.g. 7d, 72h, 1h, 30m`);
    }
    byMs.set(ms, { name: formatDuration(ms), ms });
  }
  return [...byMs.values()].sort((a, b) => b.ms - a.ms);
}
