/** The findings between two revisions of the same item (same kind and id). */
import type { Item } from "../model/item.ts";
import { diffDeadline } from "./diff-deadline.ts";
import { diffMeeting } from "./diff-meeting.ts";
import type { Finding } from "./finding.ts";

export function diffItem(prev: Item, next: Item): Finding[] {
  if (prev.kind === "deadline" && next.kind === "deadline") return diffDeadline(prev, next);
  if (prev.kind === "meeting" && next.kind === "meeting") return diffMeeting(prev, next);
  throw new Error(`cannot compare a ${prev.kind} with a ${next.kind}`);
}
