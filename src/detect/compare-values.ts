/**
 * Value comparisons shared by the deadline and meeting diffs, following the
 * events spec's edge rules: list fields are case-insensitive sets, times are
 * compared as instants, a date-only value refined to a date-time on the same
 * local day is not a move.
 */
import type { Location } from "../model/item.ts";
import { instantOf, isDateOnly, localDate } from "../time/instant.ts";

function lowerSet(list: readonly string[]): Set<string> {
  return new Set(list.map((s) => s.toLowerCase()));
}

/** Equal as case-insensitive sets (order and case never matter). */
export function sameNameSet(a: readonly string[], b: readonly string[]): boolean {
  // The common case, an unchanged list, needs no lower-casing: stored lists hold no case-insensitive repeats.
  if (a.length === b.length && a.every((x, i) => x === b[i])) return true;
  const sa = lowerSet(a);
  const sb = lowerSet(b);
  if (sa.size !== sb.size) return false;
  for (const x of sa) if (!sb.has(x)) return false;
  return true;
}

/** Names in `next` not in `prev`, and in `prev` not in `next` (case-insensitive), as written. */
export function nameSetDelta(prev: readonly string[], next: readonly string[]): { added: string[]; removed: string[] } {
  const sp = lowerSet(prev);
  const sn = lowerSet(next);
  return {
    added: next.filter((n) => !sp.has(n.toLowerCase())),
    removed: prev.filter((n) => !sn.has(n.toLowerCase())),
  };
}

/** Locations compared as a whole; country codes are already upper case, text is compared exactly. */
export function sameLocation(a: Location | undefined, b: Location | undefined): boolean {
  return a?.city === b?.city && a?.country === b?.country && a?.venue === b?.venue;
}

/** How a time value changed between two revisions. */
export type TimeMove = "none" | "refined" | "later" | "earlier" | "gained" | "lost";

/**
 * Compares two optional time values (RFC 3339 or date-only), each read in its
 * revision's zone. `dateOnlyAs` says which instant a bare day stands for (the
 * end of the day for a deadline, the start for a meeting).
 */
export function compareTimes(
  prev: { value?: string; timeZone: string },
  next: { value?: string; timeZone: string },
  dateOnlyAs: "start" | "end",
): TimeMove {
  if (prev.value === undefined) return next.value === undefined ? "none" : "gained";
  if (next.value === undefined) return "lost";
  if (prev.value === next.value && prev.timeZone === next.timeZone) return "none";
  const prevDay = isDateOnly(prev.value);
  const nextDay = isDateOnly(next.value);
  if (prevDay !== nextDay) {
    // A day refined to a time on that same local day (or a time relaxed back to its day) is not a move.
    const day = prevDay ? prev.value : next.value;
    const timed = prevDay ? next.value : prev.value;
    const zone = prevDay ? next.timeZone : prev.timeZone;
    if (localDate(timed, zone) === day) return "refined";
  }
  const a = instantOf(prev.value, prev.timeZone, dateOnlyAs);
  const b = instantOf(next.value, next.timeZone, dateOnlyAs);
  // The same instant written another way is no change; a day become a time (or back) is a refinement.
  if (a === b) return prevDay === nextDay ? "none" : "refined";
  return b > a ? "later" : "earlier";
}
