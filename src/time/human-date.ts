/**
 * Dates written for people, in the item's zone: `9 Jul 2025, 00:01 EDT`, a
 * date-only value as `9 Jul 2025`. Computed from instants with
 * Intl.DateTimeFormat (`timeZone`), so a value written with any offset reads
 * the same. The zone's offset and abbreviation are looked up once per zone and
 * UTC day (and per call only on a day the zone changes its offset), so a feed
 * of a thousand entries costs a few dozen Intl calls, not thousands.
 */
import { isDateOnly, parseRfc3339 } from "./instant.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 86_400_000;
const MAX_CACHED = 4096;

interface ZoneState {
  offsetMs: number;
  abbr: string;
}

const formatters = new Map<string, Intl.DateTimeFormat[]>();
/** zone → utcDay → the zone's state all that day, or null when it changes during the day. */
const days = new Map<string, Map<number, ZoneState | null>>();
let cachedDays = 0;

function formattersOf(zone: string): Intl.DateTimeFormat[] {
  let f = formatters.get(zone);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      timeZoneName: "short",
    };
    // en-US knows EDT, PST…; en-GB knows BST, CEST, EEST…; either may say GMT+3.
    f = [new Intl.DateTimeFormat("en-US", opts), new Intl.DateTimeFormat("en-GB", opts)];
    if (formatters.size > 256) formatters.clear();
    formatters.set(zone, f);
  }
  return f;
}

function stateAt(ms: number, zone: string): ZoneState {
  const [us, gb] = formattersOf(zone);
  const p: Record<string, string> = {};
  for (const part of us.formatToParts(ms)) p[part.type] = part.value;
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  const offsetMs = local - (ms - (((ms % 60_000) + 60_000) % 60_000));
  let abbr = p.timeZoneName ?? "";
  if (/^GMT[+-]/.test(abbr)) {
    const other = gb.formatToParts(ms).find((x) => x.type === "timeZoneName")?.value;
    if (other && !/^GMT[+-]/.test(other)) abbr = other;
  }
  if (Number(p.year) < 100) return { offsetMs: 0, abbr: "UTC" }; // Intl's year 0–99 quirks: not worth the offset
  return { offsetMs, abbr };
}

function zoneState(ms: number, zone: string): ZoneState {
  if (zone === "UTC" || zone === "Etc/UTC") return { offsetMs: 0, abbr: "UTC" };
  const day = Math.floor(ms / DAY_MS);
  let ofZone = days.get(zone);
  if (!ofZone) {
    ofZone = new Map();
    days.set(zone, ofZone);
  }
  let s = ofZone.get(day);
  if (s === undefined) {
    const start = stateAt(day * DAY_MS, zone);
    const end = stateAt(day * DAY_MS + DAY_MS - 1000, zone);
    s = start.offsetMs === end.offsetMs && start.abbr === end.abbr ? start : null;
    if (++cachedDays > MAX_CACHED) {
      days.clear();
      cachedDays = 0;
    }
    ofZone.set(day, s);
  }
  return s ?? stateAt(ms, zone);
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `9 Jul 2025` for a count of days since 1970-01-01 (H. Hinnant's civil-from-days). */
function dayText(daysSinceEpoch: number): string {
  const z = daysSinceEpoch + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${d} ${MONTHS[m - 1]} ${yoe + era * 400 + (m <= 2 ? 1 : 0)}`;
}

/** `9 Jul 2025, 00:01 EDT`: the instant `ms` on the wall clock of `zone` (UTC when the zone is unknown). */
export function humanInstant(ms: number, zone = "UTC"): string {
  if (!Number.isFinite(ms)) return "an unknown time";
  let s: ZoneState;
  try {
    s = zoneState(ms, zone);
  } catch {
    s = { offsetMs: 0, abbr: "UTC" };
  }
  const local = ms + s.offsetMs;
  const day = Math.floor(local / DAY_MS);
  const minutes = Math.floor((local - day * DAY_MS) / 60_000);
  return `${dayText(day)}, ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)} ${s.abbr}`;
}

/** A due/start value as people read it: a date-only value as its day, a date-time in `zone`; else as written. */
export function humanDate(value: string, zone = "UTC"): string {
  if (isDateOnly(value))
    return dayText(Math.floor(Date.UTC(+value.slice(0, 4), +value.slice(5, 7) - 1, +value.slice(8)) / DAY_MS));
  const t = parseRfc3339(value);
  return Number.isNaN(t) ? value : humanInstant(t, zone);
}

const DATE_IN_TEXT = /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?\b/g;

/** Every RFC 3339 date or date-time within `text` rewritten with humanDate. */
export function humanizeDates(text: string, zone = "UTC"): string {
  if (text.indexOf("-") < 0) return text;
  return text.replace(DATE_IN_TEXT, (m) => humanDate(m, zone));
}
