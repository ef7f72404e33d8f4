/**
 * What a reader needs to know about an item without opening it: for a
 * meeting when, where, at what level, who and its status; for a deadline its
 * due time (and the source's own wording), who set it and its status. Dates
 * are written in the item's zone. Plain text, not escaped.
 */
import type { ChangeEvent } from "../events/event.ts";
import type { Deadline, Meeting } from "../model/item.ts";
import { humanDate } from "../time/human-date.ts";
import { cut, formatValue } from "./change-text.ts";

export interface ItemFacts {
  /** The phrase a new item's title uses: `announced for 23 Apr 2025, 10:00 BST in London, GB`. */
  headline: string;
  /** Label and value, in reading order; only what the item has. */
  facts: [string, string][];
}

const NAMES_MAX = 300;

/** Names as a list (events stored by older versions, or hand-made, may lack a list). */
function names(list: readonly string[] | undefined): string {
  if (!Array.isArray(list)) return "";
  return cut(list.length > 3 ? `${list.length}: ${list.join(", ")}` : list.join(", "), NAMES_MAX);
}

function meetingFacts(m: Meeting, zone: string): ItemFacts {
  const facts: [string, string][] = [];
  let when: string | undefined;
  if (m.starts_at) {
    when = humanDate(m.starts_at, zone);
    facts.push(["When", m.ends_at ? `${when} – ${humanDate(m.ends_at, zone)}` : when]);
  }
  const where = m.location ? formatValue(m.location) : undefined;
  if (where) facts.push(["Where", where]);
  if (m.level) facts.push(["Level", m.level]);
  const who = names(m.participants);
  if (who) facts.push(["Who", who]);
  if (typeof m.status === "string") facts.push(["Status", m.status.replace(/_/g, " ")]);
  const parties = names(m.parties);
  if (parties) facts.push(["Parties", parties]);
  let headline = when ? `announced for ${when}` : "announced";
  if (m.location?.city) headline += ` in ${m.location.city}`;
  if (m.level) headline += ` (${m.level})`;
  return { headline, facts };
}

function deadlineFacts(d: Deadline, zone: string): ItemFacts {
  const facts: [string, string][] = [];
  const due = d.due ? humanDate(d.due, zone) : undefined;
  if (due || d.due_text) facts.push(["Due", [due, d.due_text && `“${d.due_text}”`].filter(Boolean).join(" — ")]);
  if (d.set_by) facts.push(["Set by", d.set_by]);
  if (typeof d.status === "string") facts.push(["Status", d.status]);
  const parties = names(d.parties);
  if (parties) facts.push(["Parties", parties]);
  const headline = `new deadline, due ${due ?? (d.due_text ? `“${cut(d.due_text, 60)}”` : "(no date)")}`;
  return { headline, facts };
}

/** The facts of the event's item (none for an operational event). */
export function itemFacts(event: ChangeEvent, zone: string): ItemFacts {
  const item = event.item;
  if (item.kind === "meeting") return meetingFacts(item as Meeting, zone);
  if (item.kind === "deadline") return deadlineFacts(item as Deadline, zone);
  return { headline: "", facts: [] };
}
