/**
 * The title of a feed entry or chat message: at most TITLE_MAX characters, the
 * item's title then one short phrase per kind, dates in the item's zone
 * (`due 9 Jul 2025, 00:01 EDT`), lists counted (`participants: 12 added, 3
 * removed`). The event's `summary` is left as the events spec has it (every
 * phrase, values as written, no length limit) for API and webhook consumers;
 * the full detail of every change is in `changes` and in the entry's body.
 */
import type { Change, ChangeEvent } from "../events/event.ts";
import { humanDate, humanizeDates } from "../time/human-date.ts";
import { cut, formatValue } from "./change-text.ts";
import { itemFacts } from "./entry-facts.ts";

export const TITLE_MAX = 140;
/** Most of the title an item's own title may take, so the change still shows. */
const ITEM_TITLE_MAX = 80;

const WORDS: Readonly<Record<string, string>> = {
  "deadline.removed": "removed by the source",
  "meeting.removed": "removed by the source",
  "deadline.met": "met",
  "deadline.missed": "missed",
  "deadline.withdrawn": "withdrawn",
  "deadline.reopened": "reopened",
  "meeting.cancelled": "cancelled",
  "meeting.postponed": "postponed",
  "meeting.held": "held",
  "meeting.started": "started",
  "meeting.confirmed": "confirmed",
  "meeting.scheduled": "scheduled",
};

/** The fields each kind is about (the rest of the changes are what `*.updated` covers). */
const KIND_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "deadline.extended": ["due"],
  "deadline.advanced": ["due"],
  "meeting.rescheduled": ["starts_at", "ends_at"],
  "meeting.relocated": ["location"],
  "meeting.downgraded": ["level"],
  "meeting.upgraded": ["level"],
  "meeting.participants_changed": ["participants"],
  "deadline.met": ["status"],
  "deadline.missed": ["status"],
  "deadline.withdrawn": ["status"],
  "deadline.reopened": ["status"],
  "meeting.cancelled": ["status"],
  "meeting.postponed": ["status"],
  "meeting.held": ["status"],
  "meeting.started": ["status"],
  "meeting.confirmed": ["status"],
  "meeting.scheduled": ["status"],
};

function moved(verb: string, c: Change | undefined, zone: string): string {
  if (!c || typeof c.to !== "string") return `${verb}: no date any more`;
  return `${verb} to ${humanDate(c.to, zone)}`;
}

function participants(c: Change | undefined): string {
  const added = c?.added ?? [];
  const removed = c?.removed ?? [];
  const names = [...added.map((n) => `+${n}`), ...removed.map((n) => `−${n}`)];
  if (names.length <= 2 && names.join(", ").length <= 40) return `participants ${names.join(", ")}`;
  const parts: string[] = [];
  if (added.length) parts.push(`${added.length} added`);
  if (removed.length) parts.push(`${removed.length} removed`);
  return `participants: ${parts.join(", ")}`;
}

function phrase(kind: string, event: ChangeEvent, zone: string, byField: Map<string, Change>): string {
  const word = WORDS[kind];
  if (word) return word;
  const c = (field: string) => byField.get(field);
  switch (kind) {
    case "deadline.created":
    case "meeting.announced":
      return itemFacts(event, zone).headline;
    case "deadline.extended":
      return moved("extended", c("due"), zone);
    case "deadline.advanced":
      return moved("brought forward", c("due"), zone);
    case "meeting.rescheduled":
      return moved(c("starts_at") ? "moved" : "end moved", c("starts_at") ?? c("ends_at"), zone);
    case "meeting.relocated":
      return `moved to ${formatValue(c("location")?.to)}`;
    case "meeting.downgraded":
    case "meeting.upgraded":
      return `${kind.slice(8)} to ${formatValue(c("level")?.to)}`;
    case "meeting.participants_changed":
      return participants(c("participants"));
    default:
      return "";
  }
}

/** `field, field changed` for the changes no kind phrase covered. */
function otherFields(event: ChangeEvent): string {
  const covered = new Set(event.kinds.flatMap((k) => KIND_FIELDS[k] ?? []));
  const rest = [...new Set(event.changes.filter((x) => !covered.has(x.field)).map((x) => x.field.replace(/_/g, " ")))];
  if (rest.length === 0) return "";
  return rest.length > 3
    ? `${rest.slice(0, 3).join(", ")} and ${rest.length - 3} more changed`
    : `${rest.join(", ")} changed`;
}

function itemTitleOf(event: ChangeEvent): string | undefined {
  const t = (event.item as { title?: unknown }).title;
  return typeof t === "string" && t !== "" ? t : undefined;
}

export function zoneOf(event: ChangeEvent): string {
  const z = (event.item as { timezone?: unknown }).timezone;
  return typeof z === "string" && z !== "" ? z : "UTC";
}

/** Joins phrases after `head` while they fit in TITLE_MAX, then `and N more`. */
function fitPhrases(head: string, phrases: string[]): string {
  let title = head;
  for (let i = 0; i < phrases.length; i++) {
    const next = `${title}${i === 0 ? ": " : "; "}${phrases[i]}`;
    const left = phrases.length - i - 1;
    const tail = left > 0 ? ` (+${left} more)` : "";
    if (next.length + tail.length > TITLE_MAX) {
      if (i === 0) return cut(next, TITLE_MAX);
      return `${title} (+${phrases.length - i} more)`;
    }
    title = next;
  }
  return title;
}

/** The entry title of an event: short, dates for people, never more than TITLE_MAX characters. */
export function entryTitle(event: ChangeEvent): string {
  const zone = zoneOf(event);
  const title = itemTitleOf(event);
  const announces = event.kinds.some((k) => k === "deadline.created" || k === "meeting.announced");
  if (title === undefined || (event.changes.length === 0 && !announces))
    return cut(humanizeDates(event.summary, zone), TITLE_MAX);
  const byField = new Map<string, Change>();
  for (const ch of event.changes) byField.set(ch.field, ch);
  const phrases: string[] = [];
  for (const k of event.kinds) {
    const p = phrase(k, event, zone, byField);
    if (p !== "") phrases.push(p);
  }
  const other = otherFields(event);
  if (other !== "") phrases.push(other);
  return fitPhrases(cut(title, ITEM_TITLE_MAX), phrases);
}
