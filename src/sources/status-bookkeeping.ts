/**
 * A source's status after an ingest or a rejected document: pure, so the
 * Durable Object only loads the status, calls one of these, and stores the
 * result in the same transaction as the change itself.
 */
import type { IngestOutcome, SourceStatus } from "./source-status.ts";

/** Longest error message kept in a source's status (what every GET of the source returns). */
export const MAX_STORED_ERROR_CHARS = 1000;

function bounded(message: string): string {
  const chars = [...message];
  return chars.length <= MAX_STORED_ERROR_CHARS ? message : `${chars.slice(0, MAX_STORED_ERROR_CHARS - 1).join("")}…`;
}

export function statusAfterIngest(status: SourceStatus, outcome: IngestOutcome, liveItems: number): SourceStatus {
  return {
    ...status,
    baselined: true,
    last_ingest: outcome,
    counts: {
      ...status.counts,
      ingests: status.counts.ingests + 1,
      events: status.counts.events + outcome.events,
      stale: status.counts.stale + outcome.stale,
      items: liveItems,
    },
  };
}

export function statusAfterRejection(
  status: SourceStatus,
  via: "push" | "poll",
  message: string,
  at: string,
): SourceStatus {
  return {
    ...status,
    last_error: { at, via, message: bounded(message) },
    counts: { ...status.counts, rejected: status.counts.rejected + 1 },
  };
}

export function statusAfterClock(status: SourceStatus, events: number): SourceStatus {
  return events === 0 ? status : { ...status, counts: { ...status.counts, events: status.counts.events + events } };
}

export function statusAfterPublish(status: SourceStatus, error: { at: string; message: string } | null): SourceStatus {
  const { publish_error: _was, ...rest } = status;
  return error ? { ...rest, publish_error: { at: error.at, message: bounded(error.message) } } : rest;
}
