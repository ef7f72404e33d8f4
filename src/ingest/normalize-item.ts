/**
 * Builds the stored Item from a validated item: fixed key order, absent
 * fields omitted, list fields de-duplicated case-insensitively, updated_at in
 * UTC, the time zone in Intl's case. Both encodings pass through here, so equal facts give equal items.
 */
import type { Deadline, Item, Location, Meeting } from "../model/item.ts";
import { canonicalTimeZone, parseRfc3339, toUtcIso } from "../time/instant.ts";
import type { DeadlineInput, MeetingInput } from "./item-schema.ts";

/**
 * The list without case-insensitive repeats, first spelling kept. Lists here
 * are short (a handful of names), so a pairwise scan beats a Set; the input
 * (zod's fresh copy) is returned as is when nothing repeats.
 */
function uniqueNames(list: string[] | undefined): string[] {
  if (!list) return [];
  if (list.length < 2) return list;
  const lower = list.map((name) => name.toLowerCase());
  let out: string[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const repeat = lower.indexOf(lower[i]) < i;
    if (repeat) out ??= list.slice(0, i);
    else out?.push(list[i]);
  }
  return out ?? list;
}

/** Already `YYYY-MM-DDTHH:MM:SSZ` (the common case): kept as is, no re-formatting. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * The value in UTC as toUtcIso writes it. A leap second (`23:59:60Z`) is
 * rewritten like any other form: stored as 23:59:59, the second it is read as,
 * so the same instant gives the same value whatever offset it was written with.
 */
function utc(value: string): string {
  return CANONICAL_UTC.test(value) && value.charCodeAt(17) !== 54 /* 6 */ ? value : toUtcIso(parseRfc3339(value));
}

function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/**
 * Sets the fields every kind shares on `target` (which holds `kind` already),
 * in the stored key order. Written field by field rather than with object
 * spreads: this runs for every item of every document.
 */
function setCommon(target: Item, input: DeadlineInput | MeetingInput, fallbackUpdatedAt: string): void {
  target.id = input.id;
  target.title = input.title;
  put(target, "summary", input.summary);
  put(target, "url", input.url);
  target.updated_at = utc(input.updated_at ?? fallbackUpdatedAt);
  target.tags = uniqueNames(input.tags);
  target.parties = uniqueNames(input.parties);
  // The spelling Intl gives when the zone was written in another case (europe/paris → Europe/Paris).
  target.timezone = input.timezone === undefined ? "UTC" : (canonicalTimeZone(input.timezone) ?? input.timezone);
}

export function normalizeDeadline(input: DeadlineInput, fallbackUpdatedAt: string): Deadline {
  const d = { kind: "deadline" } as Deadline;
  setCommon(d, input, fallbackUpdatedAt);
  d.status = input.status;
  put(d, "due", input.due);
  put(d, "due_text", input.due_text);
  put(d, "set_by", input.set_by);
  return d;
}

export function normalizeMeeting(input: MeetingInput, fallbackUpdatedAt: string): Meeting {
  const m = { kind: "meeting" } as Meeting;
  setCommon(m, input, fallbackUpdatedAt);
  m.participants = uniqueNames(input.participants);
  m.status = input.status;
  put(m, "starts_at", input.starts_at);
  put(m, "ends_at", input.ends_at);
  const where = input.location;
  if (where && (where.city !== undefined || where.country !== undefined || where.venue !== undefined)) {
    const loc: Location = {};
    put(loc, "city", where.city);
    put(loc, "country", where.country?.toUpperCase());
    put(loc, "venue", where.venue);
    m.location = loc;
  }
  put(m, "level", input.level);
  put(m, "outcome", input.outcome);
  return m;
}
