/** What parley records about a source's ingests (kept in its Durable Object). */
import { truncate } from "../text/excerpt.ts";
import type { HubPingStatus } from "../websub/ping-status.ts";

/**
 * The longest error message a source's status or poll log stores: every
 * `GET /api/sources` returns it, and a Durable Object value has a size limit
 * (an unbounded one made every later poll of the source fail).
 */
export const MAX_STATUS_ERROR = 1000;

/** `message` cut to MAX_STATUS_ERROR characters ("…" when cut). */
export function boundedErrorMessage(message: string): string {
  return truncate(message, MAX_STATUS_ERROR);
}

export interface IngestOutcome {
  at: string;
  via: "push" | "poll";
  items: number;
  events: number;
  stale: number;
  unchanged: number;
}

export interface SourceStatus {
  /** False until the first successful ingest (the baseline). */
  baselined: boolean;
  last_ingest?: IngestOutcome;
  last_error?: { at: string; via: "push" | "poll"; message: string };
  counts: { ingests: number; items: number; events: number; stale: number; rejected: number };
  /** Set while publishing to the catalog fails; the outbox is retried by alarm. */
  publish_error?: { at: string; message: string };
  /** WebSub pings to the hubs in HUB_URLS after this source's events were published. */
  hub_pings?: HubPingStatus;
}

export function emptyStatus(): SourceStatus {
  return { baselined: false, counts: { ingests: 0, items: 0, events: 0, stale: 0, rejected: 0 } };
}
