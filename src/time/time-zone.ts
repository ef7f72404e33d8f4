/**
 * IANA time zones through Intl (so it runs the same in workerd and Node):
 * which names are zones and how to spell them, and the wall-clock time of an
 * instant in a zone.
 */
import { HYPHEN, PLUS } from "./rfc3339.ts";

const MINUS_SIGN = 0x2212;

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
export function wallClock(
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
