/** What changed between two revisions of a deadline (events spec, deadline rows and edge rules). */

import type { EventKind } from "../events/event-kinds.ts";
import type { Deadline } from "../model/item.ts";
import { compareTimes, sameNameSet } from "./compare-values.ts";
import { diffPlainFields, type Finding } from "./finding.ts";

const STATUS_KIND: Record<Deadline["status"], EventKind> = {
  open: "deadline.reopened",
  met: "deadline.met",
  missed: "deadline.missed",
  withdrawn: "deadline.withdrawn",
};

export function diffDeadline(prev: Deadline, next: Deadline): Finding[] {
  const out: Finding[] = [];
  if (prev.status !== next.status) {
    out.push({ kind: STATUS_KIND[next.status], change: { field: "status", from: prev.status, to: next.status } });
  }
  const move = compareTimes(
    { value: prev.due, timeZone: prev.timezone },
    { value: next.due, timeZone: next.timezone },
    "end",
  );
  if (move !== "none") {
    // Losing the due (only due_text left) is an extension; gaining one where there was none is an advance.
    const kind: EventKind =
      move === "later" || move === "lost"
        ? "deadline.extended"
        : move === "earlier" || move === "gained"
          ? "deadline.advanced"
          : "deadline.updated";
    out.push({ kind, change: { field: "due", from: prev.due ?? null, to: next.due ?? null } });
  }
  diffPlainFields(prev, next, ["title", "summary", "url", "due_text", "set_by", "timezone"], "deadline.updated", out);
  for (const field of ["tags", "parties"] as const) {
    if (!sameNameSet(prev[field], next[field])) {
      out.push({ kind: "deadline.updated", change: { field, from: prev[field], to: next[field] } });
    }
  }
  return out;
}
