/**
 * The readable one-line summary of an event: the item's title, then one
 * phrase per kind in table order, e.g.
 * `London talks on a Ukraine ceasefire: downgraded from ministerial to officials; held; summary changed`.
 */
import type { Change } from "../events/event.ts";
import type { EventKind } from "../events/event-kinds.ts";
import type { Item, Location } from "../model/item.ts";
import type { Finding } from "./finding.ts";

export function formatLocation(loc: Location | null | undefined): string {
  if (!loc) return "no location";
  return [loc.venue, loc.city, loc.country].filter(Boolean).join(", ");
}

function fieldLabel(field: string): string {
  return field.replace(/_/g, " ");
}

/**
 * A due or start that moved. The same written value can move when the item's
 * time zone changes (a date-only day is read in that zone): say so, rather
 * than "from 2025-04-24 to 2025-04-24".
 */
function moved(verb: string, c: Change, item: Item): string {
  if (c.from === null) return `${verb} to ${String(c.to)}`;
  if (c.to === null) return `${verb}: no date any more`;
  if (c.from === c.to) return `${verb}: ${String(c.to)} now read in ${item.timezone}`;
  return `${verb} from ${String(c.from)} to ${String(c.to)}`;
}

const NO_CHANGE: Change = { field: "", from: null, to: null };

function phrase(kind: EventKind, changes: Change[], item: Item): string {
  const c = changes[0] ?? NO_CHANGE;
  switch (kind) {
    case "deadline.created":
      return item.kind === "deadline"
        ? `new deadline, due ${item.due ?? item.due_text ?? "(no date)"}`
        : "new deadline";
    case "meeting.announced":
      return item.kind === "meeting" && item.starts_at ? `announced for ${item.starts_at}` : "announced";
    case "deadline.removed":
    case "meeting.removed":
      return "removed by the source";
    case "deadline.met":
      return "met";
    case "deadline.missed":
      return "missed";
    case "deadline.withdrawn":
      return "withdrawn";
    case "deadline.reopened":
      return "reopened";
    case "deadline.extended":
      return c.to === null
        ? `extended: no fixed date any more${item.kind === "deadline" && item.due_text ? ` (“${item.due_text}”)` : ""}`
        : moved("extended", c, item);
    case "deadline.advanced":
      return c.from === null ? `now due ${String(c.to)}` : moved("brought forward", c, item);
    case "meeting.cancelled":
      return "cancelled";
    case "meeting.postponed":
      return "postponed";
    case "meeting.rescheduled":
      return changes.map((x) => moved(x.field === "ends_at" ? "end moved" : "rescheduled", x, item)).join(", ");
    case "meeting.relocated":
      return `moved from ${formatLocation(c.from as Location | null)} to ${formatLocation(c.to as Location | null)}`;
    case "meeting.downgraded":
      return `downgraded from ${String(c.from)} to ${String(c.to)}`;
    case "meeting.upgraded":
      return `upgraded from ${String(c.from)} to ${String(c.to)}`;
    case "meeting.held":
      return "held";
    case "meeting.started":
      return "started";
    case "meeting.confirmed":
      return "confirmed";
    case "meeting.scheduled":
      return "scheduled";
    case "meeting.participants_changed": {
      const parts = [...(c.added ?? []).map((n) => `+${n}`), ...(c.removed ?? []).map((n) => `−${n}`)];
      return `participants ${parts.join(", ")}`;
    }
    default: {
      const fields = [...new Set(changes.map((x) => fieldLabel(x.field)))];
      return `${fields.join(", ")} changed`;
    }
  }
}

/** `Title: phrase; phrase; …` with one phrase per kind present. */
export function summarize(item: Item, kinds: readonly EventKind[], findings: readonly Finding[]): string {
  const phrases = kinds.map((k) =>
    phrase(
      k,
      findings.flatMap((f) => (f.kind === k && f.change ? [f.change] : [])),
      item,
    ),
  );
  return phrases.length ? `${item.title}: ${phrases.join("; ")}` : item.title;
}
