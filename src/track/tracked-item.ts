import type { ChangeEvent } from "../events/event.ts";
import { CLOCK_KINDS } from "../events/event-kinds.ts";
import type { Item } from "../model/item.ts";

/**
 * The state parley holds for one item of a source: bounded whatever the
 * item's history. The history itself is the item's events in the event log
 * (read page by page through its index); here only what detection needs.
 */
export interface TrackedItem {
  item: Item;
  /** Set when a snapshot stopped listing the item (RFC 3339 UTC). */
  removed_at?: string;
  /** The id of the item's latest change event (clock events aside): what the next change's id chains on. */
  last_change?: string;
  /** How many events (changes and clock events) the item has had: rises with each, never falls. */
  revision: number;
  /** When parley first stored the item (RFC 3339 UTC); absent for items stored before it was kept. */
  created_at?: string;
  /** When the item's latest event was detected (RFC 3339 UTC): what calendars show as LAST-MODIFIED. */
  changed_at?: string;
  /** The summary of the item's latest change event (clock events aside), for calendar descriptions. */
  last_summary?: string;
}

/** Records an event in the item's state (the event itself lives in the event log). */
export function withEvent(tracked: TrackedItem, event: ChangeEvent): TrackedItem {
  const next: TrackedItem = { ...tracked, revision: (tracked.revision ?? 0) + 1, changed_at: event.detected_at };
  if (!CLOCK_KINDS.has(event.type)) {
    next.last_change = event.id;
    next.last_summary = event.summary;
  }
  return next;
}

/** The id of the item's latest change event (clock events aside): what the next change starts from. */
export function lastChangeId(tracked: TrackedItem | undefined): string | undefined {
  return tracked?.last_change;
}
