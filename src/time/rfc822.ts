/**
 * RFC 822 / RFC 2822 date-times as RSS uses them (`pubDate`, `lastBuildDate`):
 * `Fri, 18 Apr 2025 11:30:00 GMT`, `18 Apr 25 07:30 -0400`.
 *
 * Accepted: an optional weekday (with or without its comma, with or without a
 * space after it; like feed readers, not checked against the date), a 1–2 digit day,
 * an English month name (three letters or in full, any case), a 2- or 4-digit
 * year (00–49 → 20xx, 50–99 → 19xx, as RFC 2822 reads them), `HH:MM` with
 * optional `:SS`, and a zone: `±HHMM` (also `±HH:MM`), `GMT`, `UT`, `UTC`, `Z`,
 * or one of the North American zones `EST EDT CST CDT MST MDT PST PDT`,
 * optionally followed by an RFC 2822 comment such as `(UTC)`.
 * A zone is required; other military letters and unknown names are rejected,
 * since they would silently give the wrong instant.
 */

const RFC822 =
  /^\s*(?:([A-Za-z]{3,9})\s*(?:,\s*|\s+))?(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,3})\s*(?:\([^()]*\)\s*)?$/;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** Offsets in minutes east of Greenwich. */
const ZONES: Readonly<Record<string, number>> = {
  GMT: 0,
  UT: 0,
  UTC: 0,
  Z: 0,
  EST: -5 * 60,
  EDT: -4 * 60,
  CST: -6 * 60,
  CDT: -5 * 60,
  MST: -7 * 60,
  MDT: -6 * 60,
  PST: -8 * 60,
  PDT: -7 * 60,
};

function monthIndex(name: string): number {
  const lower = name.toLowerCase();
  if (lower.length === 3) return MONTHS.indexOf(lower);
  return MONTH_NAMES.indexOf(lower);
}

function isWeekday(name: string): boolean {
  const lower = name.toLowerCase();
  return WEEKDAYS.some((day) => day === lower || day.slice(0, 3) === lower);
}

function zoneOffset(zone: string): number {
  const sign = zone[0];
  if (sign === "+" || sign === "-") {
    const digits = zone.replace(":", "");
    const h = Number(digits.slice(1, 3));
    const m = Number(digits.slice(3, 5));
    if (h > 23 || m > 59) return Number.NaN;
    return (sign === "-" ? -1 : 1) * (h * 60 + m);
  }
  const upper = zone.toUpperCase();
  return Object.hasOwn(ZONES, upper) ? ZONES[upper] : Number.NaN;
}

/** Milliseconds since the epoch of an RFC 822 date-time, or NaN if it is not one. */
export function parseRfc822(value: string): number {
  const m = RFC822.exec(value);
  if (!m) return Number.NaN;
  const [, weekday, dayS, monthS, yearS, hourS, minuteS, secondS, zone] = m;
  if (weekday !== undefined && !isWeekday(weekday)) return Number.NaN;
  const month = monthIndex(monthS);
  if (month < 0) return Number.NaN;
  let year = Number(yearS);
  if (yearS.length === 2) year += year < 50 ? 2000 : 1900;
  else if (year < 100) return Number.NaN; // Date.UTC would read 0050 as 1950
  const day = Number(dayS);
  const hour = Number(hourS);
  const minute = Number(minuteS);
  const second = secondS === undefined ? 0 : Number(secondS);
  if (day < 1 || day > new Date(Date.UTC(year, month + 1, 0)).getUTCDate()) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 60) return Number.NaN;
  const offset = zoneOffset(zone);
  if (Number.isNaN(offset)) return Number.NaN;
  // A leap second is read as the last second of its minute and allowed only at 23:59:60 UTC, as parseRfc3339 does.
  const ms = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) - offset * 60_000;
  if (second === 60 && Math.floor(ms / 1000) % 86_400 !== 86_399) return Number.NaN;
  return ms;
}

const WEEKDAY_ABBR = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * `Wed, 23 Apr 2025 17:00:00 GMT` (RFC 822 with a 4-digit year, as RSS wants):
 * the instant `ms` in UTC, seconds truncated. Throws on a non-finite `ms` or a
 * year outside 0000–9999, which RFC 822 cannot write.
 */
export function formatRfc822(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(year) || year < 0 || year > 9999)
    throw new RangeError(`formatRfc822: no RFC 822 form for ${ms}`);
  return `${WEEKDAY_ABBR[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTH_ABBR[d.getUTCMonth()]} ${String(year).padStart(4, "0")} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} GMT`;
}
