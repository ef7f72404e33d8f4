/** What changed between two revisions of a meeting (events spec, meeting rows and edge rules). */

import type { EventKind } from "../events/event-kinds.ts";
import type { Meeting } from "../model/item.ts";
import { MEETING_LEVELS } from "../model/item.ts";
import { compareTimes, nameSetDelta, sameLocation, sameNameSet } from "./compare-values.ts";
import { diffPlainFields, type Finding } from "./finding.ts";

const STATUS_KIND: Record<Meeting["status"], EventKind> = {
  proposed: "meeting.updated",
  scheduled: "meeting.scheduled",
  confirmed: "meeting.confirmed",
  postponed: "meeting.postponed",
  in_progress: "meeting.started",
  held: "meeting.held",
  cancelled: "meeting.cancelled",
};

export function diffMeeting(prev: Meeting, next: Meeting): Finding[] {
  const out: Finding[] = [];
  if (prev.status !== next.status) {
    out.push({ kind: STATUS_KIND[next.status], change: { field: "status", from: prev.status, to: next.status } });
  }
  for (const field of ["starts_at", "ends_at"] as const) {
    const move = compareTimes(
      { value: prev[field], timeZone: prev.timezone },
      { value: next[field], timeZone: next.timezone },
      "start",
    );
    if (move === "none") continue;
    const kind: EventKind = move === "refined" ? "meeting.updated" : "meeting.rescheduled";
    out.push({ kind, change: { field, from: prev[field] ?? null, to: next[field] ?? null } });
  }
  if (!sameLocation(prev.location, next.location)) {
    out.push({
      kind: "meeting.relocated",
      change: { field: "location", from: prev.location ?? null, to: next.location ?? null },
    });
  }
  if (prev.level !== next.level) {
    // Only a move between two ranks is a downgrade or upgrade; gaining or losing a level is an update.
    let kind: EventKind = "meeting.updated";
    if (prev.level !== undefined && next.level !== undefined) {
      kind =
        MEETING_LEVELS.indexOf(next.level) > MEETING_LEVELS.indexOf(prev.level)
          ? "meeting.downgraded"
          : "meeting.upgraded";
    }
    out.push({ kind, change: { field: "level", from: prev.level ?? null, to: next.level ?? null } });
  }
  if (!sameNameSet(prev.participants, next.participants)) {
    out.push({
      kind: "meeting.participants_changed",
      change: {
        field: "participants",
        from: prev.participants,
        to: next.participants,
        ...nameSetDelta(prev.participants, next.participants),
      },
    });
  }
  diffPlainFields(prev, next, ["title", "summary", "url", "outcome", "timezone"], "meeting.updated", out);
  for (const field of ["tags", "parties"] as const) {
    if (!sameNameSet(prev[field], next[field])) {
      out.push({ kind: "meeting.updated", change: { field, from: prev[field], to: next[field] } });
    }
  }
  return out;
}
