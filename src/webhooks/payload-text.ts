/** Small text helpers shared by the Slack and Discord payload builders. */
import type { Change, ChangeEvent } from "../events/event.ts";
import { itemFacts } from "../render/entry-facts.ts";
import { zoneOf } from "../render/entry-title.ts";
import { humanInstant, humanizeDates } from "../time/human-date.ts";
import { parseRfc3339 } from "../time/instant.ts";

export { entryTitle } from "../render/entry-title.ts";
export { itemLink as itemUrl } from "../render/event-link.ts";
export { truncate } from "../text/excerpt.ts";

/** The item's title, when it has one. */
export function itemTitle(event: ChangeEvent): string | undefined {
  const title = (event.item as { title?: unknown }).title;
  return typeof title === "string" && title !== "" ? title : undefined;
}

/** What a chat message says besides the changes: facts, the lead text, the source and the times. Plain text. */
export interface MessageContext {
  zone: string;
  /** Label and value: a new item's key facts (or, with no changes, the item's facts). */
  facts: [string, string][];
  /** The summary with dates for people, when there are no changes to list. */
  lead?: string;
  /** `Happened … · detected by parley …`. */
  times: string;
}

export function messageContext(event: ChangeEvent): MessageContext {
  const zone = zoneOf(event);
  const announces = event.kinds.some((k) => k === "deadline.created" || k === "meeting.announced");
  const facts = announces || event.changes.length === 0 ? itemFacts(event, zone).facts : [];
  const occurred = humanInstant(parseRfc3339(event.occurred_at), zone);
  const detected = humanInstant(parseRfc3339(event.detected_at), zone);
  return {
    zone,
    facts,
    ...(event.changes.length === 0 && { lead: humanizeDates(event.summary, zone) }),
    times: `Happened ${occurred} · detected by parley ${detected}`,
  };
}

/** `and N more changes`: what a message says when it leaves changes out. */
export function moreChanges(n: number): string {
  return `and ${n} more ${n === 1 ? "change" : "changes"}`;
}

export type { Change };
