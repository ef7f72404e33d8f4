/**
 * Dates and instants, one import for all of them:
 * - src/time/rfc3339.ts: RFC 3339 validation, reading and writing (UTC);
 * - src/time/time-zone.ts: IANA zone names and wall-clock times (Intl only,
 *   so it runs the same in workerd and Node);
 * - src/time/zoned-day.ts: date-only values as instants in an item's zone;
 * - src/time/calendar.ts: UTC calendar arithmetic for years 0000–9999.
 */
export { isDateOnly, isMisplacedLeapSecond, isRfc3339, parseRfc3339, toUtcIso } from "./rfc3339.ts";
export { canonicalTimeZone, isOffsetTimeZone, isValidTimeZone } from "./time-zone.ts";
export { endOfDay, instantOf, localDate, startOfDay, zonedMidnight } from "./zoned-day.ts";
