/**
 * Event times as feeds write them. Event times are RFC 3339 already; a value
 * that is not (never expected) becomes the epoch rather than an invalid date,
 * so a feed stays valid whatever it is given.
 */
import { parseRfc3339, toUtcIso } from "../time/instant.ts";
import { formatRfc822 } from "../time/rfc822.ts";

function instant(rfc3339: string): number {
  const t = parseRfc3339(rfc3339);
  if (Number.isNaN(t)) return 0;
  const year = new Date(t).getUTCFullYear();
  return year >= 0 && year <= 9999 ? t : 0; // an offset can push 0000-01-01 or 9999-12-31 out of range
}

// What toUtcIso writes: a valid value already in this form is returned as it is.
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/** `2025-04-23T17:00:00Z`. */
export function atomDate(rfc3339: string): string {
  const t = instant(rfc3339);
  // (Not a leap second `:60`, `.000`, or a value replaced by the epoch: toUtcIso rewrites those.)
  if (CANONICAL_UTC.test(rfc3339) && rfc3339[17] !== "6" && !rfc3339.endsWith(".000Z") && t !== 0) return rfc3339;
  return toUtcIso(t);
}

/** `Wed, 23 Apr 2025 17:00:00 GMT`. */
export function rssDate(rfc3339: string): string {
  return formatRfc822(instant(rfc3339));
}
