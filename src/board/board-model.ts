/**
 * The board's view model: from one page of items and one page of events
 * (what the catalog gives), the lists the board shows. Pure and bounded:
 * each list is capped, so the page stays small whatever the catalog holds.
 */
import type { ChangeEvent } from "../events/event.ts";
import type { Deadline, Meeting } from "../model/item.ts";
import { instantOf } from "../time/instant.ts";
import type { TrackedItem } from "../track/tracked-item.ts";

export interface BoardInput {
  items: { source: string; tracked: TrackedItem }[];
  events: ChangeEvent[];
  /** Lower-case tags: only items carrying one of them. */
  tags?: string[];
}

export interface DatedDeadline {
  source: string;
  item: Deadline;
  dueMs: number;
}

export interface WordedDeadline {
  source: string;
  item: Deadline;
}

export interface BoardMeeting {
  source: string;
  item: Meeting;
  startMs: number | null;
}

export const MEETING_GROUPS = ["upcoming", "in_progress", "held", "postponed", "cancelled"] as const;
export type MeetingGroup = (typeof MEETING_GROUPS)[number];

export const GROUP_TITLES: Record<MeetingGroup, string> = {
  upcoming: "Upcoming",
  in_progress: "In progress",
  held: "Recently held",
  postponed: "Postponed",
  cancelled: "Cancelled",
};

export interface Board {
  /** Open deadlines with a due time, soonest first. */
  dated: DatedDeadline[];
  /** Open deadlines known only by their wording, most recently said first. */
  worded: WordedDeadline[];
  meetings: Record<MeetingGroup, BoardMeeting[]>;
  changes: ChangeEvent[];
}

/** Most entries one list shows. */
export const LIST_CAP = 25;
export const MEETING_CAP = 10;

function groupOf(m: Meeting): MeetingGroup {
  switch (m.status) {
    case "in_progress":
      return "in_progress";
    case "held":
      return "held";
    case "postponed":
      return "postponed";
    case "cancelled":
      return "cancelled";
    default:
      return "upcoming";
  }
}

function hasTag(tracked: TrackedItem, tags: string[] | undefined): boolean {
  if (!tags?.length) return true;
  return tracked.item.tags.some((t) => tags.includes(t.toLowerCase()));
}

function startOf(m: Meeting): number | null {
  return m.starts_at ? instantOf(m.starts_at, m.timezone, "start") : null;
}

/** Upcoming soonest first (undated last); the others most recent first. */
function sortMeetings(group: MeetingGroup, list: BoardMeeting[]): BoardMeeting[] {
  const key = (m: BoardMeeting) => m.startMs ?? Number.POSITIVE_INFINITY;
  if (group === "upcoming" || group === "in_progress") return list.sort((a, b) => key(a) - key(b));
  return list.sort((a, b) => (b.startMs ?? 0) - (a.startMs ?? 0) || (b.item.updated_at < a.item.updated_at ? -1 : 1));
}

export function buildBoard(input: BoardInput): Board {
  const dated: DatedDeadline[] = [];
  const worded: WordedDeadline[] = [];
  const groups: Record<MeetingGroup, BoardMeeting[]> = {
    upcoming: [],
    in_progress: [],
    held: [],
    postponed: [],
    cancelled: [],
  };
  for (const { source, tracked } of input.items) {
    if (tracked.removed_at !== undefined || !hasTag(tracked, input.tags)) continue;
    const item = tracked.item;
    if (item.kind === "deadline") {
      if (item.status !== "open") continue;
      if (item.due) dated.push({ source, item, dueMs: instantOf(item.due, item.timezone, "end") });
      else if (item.due_text) worded.push({ source, item });
    } else {
      groups[groupOf(item)].push({ source, item, startMs: startOf(item) });
    }
  }
  dated.sort((a, b) => a.dueMs - b.dueMs);
  worded.sort((a, b) => (a.item.updated_at < b.item.updated_at ? 1 : -1));
  const meetings = { ...groups };
  for (const g of MEETING_GROUPS) meetings[g] = sortMeetings(g, groups[g]).slice(0, MEETING_CAP);
  return {
    dated: dated.slice(0, LIST_CAP),
    worded: worded.slice(0, LIST_CAP),
    meetings,
    changes: input.events,
  };
}
