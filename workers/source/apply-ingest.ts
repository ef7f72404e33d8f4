/**
 * One document applied inside a source's single writer: detect the changes
 * against the stored items, refuse a mass removal (the removal guard), and
 * commit the changed items, their events and the status as one transaction.
 * The caller (SourceObject.ingest) then publishes.
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import type { UpdateDocument } from "../../src/model/document.ts";
import type { PollOutcome } from "../../src/poll/poll-health.ts";
import type { SourceConfig } from "../../src/sources/source-config.ts";
import type { SourceStatus } from "../../src/sources/source-status.ts";
import { statusAfterIngest, statusAfterRejection } from "../../src/sources/status-bookkeeping.ts";
import { toUtcIso } from "../../src/time/instant.ts";
import { applyDocument } from "../../src/track/apply-document.ts";
import { massRemoval } from "../../src/track/removal-guard.ts";
import type { TrackedItem } from "../../src/track/tracked-item.ts";
import type { Commit } from "./source-store.ts";

export interface IngestResult {
  events: ChangeEvent[];
  stale: number;
  unchanged: number;
  /** True when this was the source's first ingest, stored silently. */
  baseline: boolean;
  /** False while some of its events are not yet readable (a failed or a further batch): the alarm publishes them. */
  published: boolean;
  /** Set when the document was refused after reading it (the removal guard): nothing changed. */
  refused?: string;
}

export interface PollReport {
  outcome: PollOutcome;
  events: ChangeEvent[];
}

/** What the writer reads and writes: the source's config, its cached items, its status, and the commit. */
export interface IngestHost {
  config: SourceConfig;
  /** The stored items; updated in place once the commit succeeds. */
  state: Map<string, TrackedItem>;
  status: SourceStatus;
  commit(c: Commit): number | null;
}

export type Applied =
  | { refused: string }
  | {
      events: ChangeEvent[];
      stale: number;
      unchanged: number;
      baseline: boolean;
      /** Anything was written (and so is to be published). */
      changed: boolean;
      /** The outbox position of the last event written. */
      lastSeq: number | null;
    };

/** Items not removed once `updates` apply over `state`. */
function liveCount(state: ReadonlyMap<string, TrackedItem>, updates: ReadonlyMap<string, TrackedItem>): number {
  let live = 0;
  for (const [key, tracked] of state) if (!updates.has(key) && tracked.removed_at === undefined) live++;
  for (const tracked of updates.values()) if (tracked.removed_at === undefined) live++;
  return live;
}

export async function applyIngest(
  host: IngestHost,
  document: UpdateDocument,
  via: "push" | "poll",
  receivedAt: string,
  confirmed = false,
): Promise<Applied> {
  const { config, state, status } = host;
  const baseline = !status.baselined;
  const silent = baseline && config.baseline === "silent";
  // Detected now, inside the single writer: a slow upload or a wait for the writer cannot stamp
  // a change earlier than changes already committed (feeds order and Last-Modified rely on it).
  const detectedAt = toUtcIso(Date.now());
  const r = await applyDocument({ source: config.id, state, document, receivedAt, detectedAt, silent });
  const refused = config.removal_guard !== false && !confirmed ? massRemoval(state, r.updates) : null;
  if (refused) {
    // A poll records its rejection with its outcome; a push here.
    if (via === "push") host.commit({ meta: { status: statusAfterRejection(status, via, refused, receivedAt) } });
    return { refused };
  }
  const outcome = {
    at: receivedAt,
    via,
    items: document.items.length,
    events: r.events.length,
    stale: r.stale,
    unchanged: r.unchanged,
  };
  const meta = { status: statusAfterIngest(status, outcome, liveCount(state, r.updates)) };
  const lastSeq = host.commit({ items: r.updates, events: r.events, meta });
  for (const [key, tracked] of r.updates) state.set(key, tracked);
  const changed = r.updates.size > 0;
  return { events: r.events, stale: r.stale, unchanged: r.unchanged, baseline, changed, lastSeq };
}
