import type { ChangeEvent } from "../events/event.ts";
import { CLOCK_KINDS } from "../events/event-kinds.ts";
import type { Item } from "../model/item.ts";

/** One entry of an item's change history (the full event lives in the event store). */
export interface HistoryEntry {
  id: string;
  type: string;
  occurred_at: string;
  detected_at: string;
}

/** The state parley holds for one item of a source. */
export interface TrackedItem {
  item: Item;
  /** Set when a snapshot stopped listing the item (RFC 3339 UTC). */
  removed_at?: string;
  /** Oldest first, at most MAX_HISTORY entries. */
  history: HistoryEntry[];
}

/** History kept per item; older entries stay reachable through the event list. */
export const MAX_HISTORY = 200;

export function appendHistory(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const next = [...history, entry];
  return next.length > MAX_HISTORY ? next.slice(next.length - MAX_HISTORY) : next;
}

/** Adds an event to an item's history (the event itself lives in the event log). */
export function withEvent(tracked: TrackedItem, event: ChangeEvent): TrackedItem {
  const entry = { id: event.id, type: event.type, occurred_at: event.occurred_at, detected_at: event.detected_at };
  return { ...tracked, history: appendHistory(tracked.history, entry) };
}

/** The id of the item's latest change event (clock events aside): what the next change starts from. */
export function lastChangeId(tracked: TrackedItem | undefined): string | undefined {
  const history = tracked?.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) if (!CLOCK_KINDS.has(history[i].type)) return history[i].id;
  return undefined;
}
