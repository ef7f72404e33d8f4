/**
 * The normalized model of tracked items (update-feed spec, version 1).
 * Both encodings (JSON and RSS/Atom) decode to exactly these shapes, so that
 * the same facts always produce the same stored state and the same events.
 */

export const ITEM_KINDS = ["deadline", "meeting"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const DEADLINE_STATUSES = ["open", "met", "missed", "withdrawn"] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export const MEETING_STATUSES = [
  "proposed",
  "scheduled",
  "confirmed",
  "postponed",
  "in_progress",
  "held",
  "cancelled",
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Ranked high to low: a move down this list is a downgrade. */
export const MEETING_LEVELS = ["leaders", "ministerial", "envoy", "officials", "technical"] as const;
export type MeetingLevel = (typeof MEETING_LEVELS)[number];

export type Location = {
  city?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  venue?: string;
};

interface ItemBase {
  kind: ItemKind;
  id: string;
  title: string;
  summary?: string;
  url?: string;
  /** When this revision was made, normalized to RFC 3339 in UTC (`Z`). */
  updated_at: string;
  /** As the source wrote them (de-duplicated case-insensitively); compared case-insensitively as a set. */
  tags: string[];
  parties: string[];
  /** IANA zone; `UTC` when the source gives none. */
  timezone: string;
}

export interface Deadline extends ItemBase {
  kind: "deadline";
  /** RFC 3339 date-time with offset (as written) or `YYYY-MM-DD` (end of that day in `timezone`). */
  due?: string;
  due_text?: string;
  status: DeadlineStatus;
  set_by?: string;
}

export interface Meeting extends ItemBase {
  kind: "meeting";
  /** RFC 3339 date-time with offset (as written) or `YYYY-MM-DD` for a day not yet timed. */
  starts_at?: string;
  ends_at?: string;
  location?: Location;
  level?: MeetingLevel;
  participants: string[];
  status: MeetingStatus;
  outcome?: string;
}

export type Item = Deadline | Meeting;

/** `kind/id`: unique within a source. */
export function itemKey(item: { kind: string; id: string }): string {
  return `${item.kind}/${item.id}`;
}
