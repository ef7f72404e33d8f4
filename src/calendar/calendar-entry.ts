/**
 * One tracked item as one calendar entry (a VEVENT): what it says and when,
 * independent of the iCalendar writer (src/calendar/render-calendar.ts).
 *
 * - UID is derived from source, kind and id only, so it never changes;
 *   SEQUENCE is the item's revision, which rises with every event and never falls.
 * - A date-only value is an all-day entry (the end exclusive, the next day);
 *   a date-time is an instant, shown in the item's zone when it has one.
 * - A deadline with only `due_text` ("within days") has no date: no entry.
 * - An item removed from its snapshot stays CANCELLED for 30 days, then drops out.
 */
import type { Deadline, Item, Meeting } from "../model/item.ts";
import { isDateOnly, parseRfc3339 } from "../time/instant.ts";
import type { TrackedItem } from "../track/tracked-item.ts";

export const REMOVED_KEPT_MS = 30 * 24 * 3600 * 1000;

export type CalendarStatus = "TENTATIVE" | "CONFIRMED" | "CANCELLED";

export type CalendarWhen =
  /** `YYYY-MM-DD` dates; `end` is exclusive (the day after the last day). */
  | { allDay: true; start: string; end: string }
  /** Instants (ms); `timeZone` is the item's IANA zone, absent for UTC. */
  | { allDay: false; start: number; end?: number; timeZone?: string };

export interface CalendarEntry {
  uid: string;
  sequence: number;
  /** ms: DTSTAMP and LAST-MODIFIED (the item's latest change, so a rendering is the same until it changes). */
  modified: number;
  created: number;
  summary: string;
  description: string;
  location?: string;
  url?: string;
  categories: string[];
  status: CalendarStatus;
  when: CalendarWhen;
}

const MEETING_STATUS: Record<Meeting["status"], CalendarStatus> = {
  proposed: "TENTATIVE",
  postponed: "TENTATIVE",
  scheduled: "CONFIRMED",
  confirmed: "CONFIRMED",
  in_progress: "CONFIRMED",
  held: "CONFIRMED",
  cancelled: "CANCELLED",
};

const DEADLINE_PREFIX: Record<Deadline["status"], string> = {
  open: "Deadline: ",
  met: "Deadline met: ",
  missed: "Deadline missed: ",
  withdrawn: "Deadline withdrawn: ",
};

/** The entry's UID: stable for ever, whatever changes (ids are `A–Z a–z 0–9 . _ : -`). */
export function calendarUid(source: string, kind: string, id: string): string {
  return `${kind}.${id}.${source}@parley`;
}

/** The day after a `YYYY-MM-DD` date. */
export function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const next = new Date(0);
  next.setUTCFullYear(y, m - 1, d + 1); // not Date.UTC, which reads years 0–99 as 1900–1999
  return next.toISOString().slice(0, 10);
}

function dayOf(value: string): string {
  return value.slice(0, 10);
}

/** When the item happens, or null when it has no date (a deadline with only `due_text`). */
export function calendarWhen(item: Item, zoneOk: (zone: string) => boolean): CalendarWhen | null {
  const start = item.kind === "deadline" ? item.due : item.starts_at;
  if (start === undefined) return null;
  const end = item.kind === "meeting" ? item.ends_at : undefined;
  if (isDateOnly(start)) {
    // A day not yet timed: all day, through the end's day when there is one.
    const last = end !== undefined && dayOf(end) > start ? dayOf(end) : start;
    return { allDay: true, start, end: nextDay(last) };
  }
  const zone = item.timezone !== "UTC" && zoneOk(item.timezone) ? item.timezone : undefined;
  const startMs = parseRfc3339(start);
  const endMs = end !== undefined && !isDateOnly(end) ? parseRfc3339(end) : undefined;
  return {
    allDay: false,
    start: startMs,
    ...(endMs !== undefined && endMs > startMs && { end: endMs }),
    ...(zone !== undefined && { timeZone: zone }),
  };
}

function statusOf(tracked: TrackedItem): CalendarStatus {
  const item = tracked.item;
  if (tracked.removed_at !== undefined) return "CANCELLED";
  if (item.kind === "meeting") return MEETING_STATUS[item.status];
  return item.status === "withdrawn" ? "CANCELLED" : "CONFIRMED";
}

function summaryOf(tracked: TrackedItem): string {
  const item = tracked.item;
  const title =
    item.kind === "deadline"
      ? `${DEADLINE_PREFIX[item.status]}${item.title}`
      : item.status === "cancelled"
        ? `Cancelled: ${item.title}`
        : item.status === "postponed"
          ? `Postponed: ${item.title}`
          : item.title;
  // Outlook ignores STATUS: the summary says it too.
  return tracked.removed_at !== undefined ? `Removed: ${title}` : title;
}

const LEVEL_NAMES: Record<NonNullable<Meeting["level"]>, string> = {
  leaders: "leaders",
  ministerial: "ministerial",
  envoy: "envoys",
  officials: "officials",
  technical: "technical",
};

function descriptionOf(tracked: TrackedItem): string {
  const item = tracked.item;
  const lines: string[] = [];
  if (item.summary) lines.push(item.summary, "");
  if (item.kind === "deadline") {
    if (item.due_text) lines.push(`Due: ${item.due_text}`);
    if (item.set_by) lines.push(`Set by: ${item.set_by}`);
  } else {
    if (item.level) lines.push(`Level: ${LEVEL_NAMES[item.level]}`);
    if (item.participants.length) lines.push(`Participants: ${item.participants.join(", ")}`);
  }
  if (item.parties.length) lines.push(`Parties: ${item.parties.join(", ")}`);
  lines.push(`Status: ${item.status.replace("_", " ")}`);
  if (item.kind === "meeting" && item.outcome) lines.push(`Outcome: ${item.outcome}`);
  if (tracked.last_summary) lines.push(`Latest change: ${tracked.last_summary}`);
  if (tracked.removed_at !== undefined) lines.push(`No longer listed by its source since ${tracked.removed_at}.`);
  return lines.join("\n");
}

let countryNames: Intl.DisplayNames | null | undefined;

function countryName(code: string): string {
  if (countryNames === undefined) {
    try {
      countryNames = new Intl.DisplayNames(["en"], { type: "region" });
    } catch {
      countryNames = null;
    }
  }
  return countryNames?.of(code) ?? code;
}

function locationOf(item: Item): string | undefined {
  if (item.kind !== "meeting" || !item.location) return undefined;
  const { venue, city, country } = item.location;
  const parts = [venue, city, country === undefined ? undefined : countryName(country)].filter(Boolean);
  return parts.length ? parts.join(", ") : undefined;
}

function timeOf(value: string | undefined, fallback: number): number {
  return value === undefined ? fallback : parseRfc3339(value);
}

export interface EntryContext {
  source: string;
  now: number;
  /** Whether a VTIMEZONE can be written for a zone (otherwise its times are given in UTC). */
  zoneOk: (zone: string) => boolean;
  /** A link for items without their own `url`. */
  fallbackUrl?: (source: string, item: Item) => string;
}

/** The calendar entry of a tracked item, or null when it has none (no date, or removed over 30 days ago). */
export function calendarEntry(tracked: TrackedItem, ctx: EntryContext): CalendarEntry | null {
  const item = tracked.item;
  if (tracked.removed_at !== undefined && ctx.now - parseRfc3339(tracked.removed_at) > REMOVED_KEPT_MS) return null;
  const when = calendarWhen(item, ctx.zoneOk);
  if (when === null) return null;
  const updated = parseRfc3339(item.updated_at);
  const modified = Math.max(timeOf(tracked.changed_at, updated), timeOf(tracked.removed_at, updated));
  const url = item.url ?? ctx.fallbackUrl?.(ctx.source, item);
  const location = locationOf(item);
  return {
    uid: calendarUid(ctx.source, item.kind, item.id),
    sequence: tracked.revision ?? 0,
    modified,
    created: Math.min(timeOf(tracked.created_at, updated), modified),
    summary: summaryOf(tracked),
    description: descriptionOf(tracked),
    ...(location !== undefined && { location }),
    ...(url !== undefined && { url }),
    categories: item.tags,
    status: statusOf(tracked),
    when,
  };
}
