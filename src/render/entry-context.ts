/**
 * What an entry or a chat message says besides its changes, the same in feeds
 * and chat: the item's zone, a new item's key facts, the lead text when there
 * are no changes to list, and when the change happened and was detected.
 */
import type { ChangeEvent } from "../events/event.ts";
import { humanInstant, humanizeDates } from "../time/human-date.ts";
import { parseRfc3339 } from "../time/instant.ts";
import { itemFacts } from "./entry-facts.ts";
import { zoneOf } from "./entry-title.ts";

/** Plain text; the renderers escape it for their format. */
export interface EntryContext {
  zone: string;
  /** Label and value: a new item's key facts (or, with no changes, the item's facts). */
  facts: [string, string][];
  /** The summary with dates for people, when there are no changes to list. */
  lead?: string;
  /** `Happened … · detected by parley …`. */
  times: string;
}

export function entryContext(event: ChangeEvent): EntryContext {
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
