/** What the catalog takes and gives over RPC (plain, structured-clonable objects). */
import type { ChangeEvent } from "../../src/events/event.ts";
import type { ItemFilter } from "../../src/items/item-filter.ts";
import type { SourceView } from "../../src/sources/source-view.ts";
import type { TrackedItem } from "../../src/track/tracked-item.ts";

/** A source's listing in the index: what GET /api/sources shows, and when its object next wakes. */
export interface SourceListing {
  view: SourceView;
  /** ms; null when nothing is scheduled (no url, no clock, nothing pending). */
  wakeAt: number | null;
}

/** One publish from a source: events (in order) and the item states they leave, written in one transaction. */
export interface PublishBatch {
  source: string;
  events: ChangeEvent[];
  items: TrackedItem[];
  listing?: SourceListing;
}

export interface EventPageResult {
  /** Bodies, unless keysOnly was asked. */
  events: ChangeEvent[];
  keys: string[];
  /** The last key of this page, when more match. */
  next?: string;
  /** The latest time (ms) one of these events was written to the log; null when there are none. */
  publishedMs: number | null;
  /** When each event (parallel to `events`) was written to the log, ms: when parley published it. */
  writtenMs: number[];
  /** The titles of the sources of these events that have one (source id → title). */
  sourceTitles: Record<string, string>;
  /** SQLite rows read by the query (for tests and the scale bench). */
  rowsRead: number;
}

export interface ItemQuery extends ItemFilter {
  limit: number;
  /** [source, kind, id] of the last item of the previous page. */
  after?: [string, string, string];
}

export interface StoredItem {
  source: string;
  tracked: TrackedItem;
}
