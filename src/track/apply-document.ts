/**
 * Applies one validated update document to a source's tracked state: the pure
 * heart of "track and detect". It returns the changed items and the events to
 * announce; the caller (the source's single writer) persists both atomically.
 *
 * - A revision older than the stored one (by updated_at) is stale: ignored, counted.
 * - A revision equal in content to the stored item is unchanged, whatever its
 *   updated_at: nothing is written.
 * - In `updates` mode revisions are applied oldest first; in `snapshot` mode an
 *   item the document no longer lists is removed — unless the stored revision
 *   is newer than the document itself (a late, stale snapshot removes nothing).
 * - A removed item that comes back is announced as new.
 * - On a silent baseline (a source's first ingest) state is stored, nothing announced.
 */
import { buildEvent } from "../detect/build-event.ts";
import { diffItem } from "../detect/diff-item.ts";
import type { Finding } from "../detect/finding.ts";
import type { ChangeEvent } from "../events/event.ts";
import type { UpdateDocument } from "../model/document.ts";
import { type Item, itemKey } from "../model/item.ts";
import { compareInstants } from "../time/compare-instants.ts";
import { lastChangeId, type TrackedItem, withEvent } from "./tracked-item.ts";

export interface ApplyInput {
  source: string;
  /** Current state, keyed by itemKey (`kind/id`). Not modified. */
  state: ReadonlyMap<string, TrackedItem>;
  document: UpdateDocument;
  /** RFC 3339 UTC: when the document was received (the time removals fall back on). */
  receivedAt: string;
  /** RFC 3339 UTC: the events' detected_at — when the change is committed; default receivedAt. */
  detectedAt?: string;
  /** True to store without announcing (a source's first ingest with baseline "silent"). */
  silent: boolean;
}

export interface ApplyResult {
  /** New values of the items that changed (key → state). */
  updates: Map<string, TrackedItem>;
  /** In the order the changes were applied. */
  events: ChangeEvent[];
  stale: number;
  unchanged: number;
}

function createdKind(item: Item): Finding {
  return { kind: item.kind === "deadline" ? "deadline.created" : "meeting.announced" };
}

function removedKind(item: Item): Finding {
  return { kind: item.kind === "deadline" ? "deadline.removed" : "meeting.removed" };
}

function byUpdatedAt(a: Item, b: Item): number {
  return compareInstants(a.updated_at, b.updated_at);
}

export async function applyDocument(input: ApplyInput): Promise<ApplyResult> {
  const { source, state, document, receivedAt, silent } = input;
  const detectedAt = input.detectedAt ?? receivedAt;
  const updates = new Map<string, TrackedItem>();
  const events: ChangeEvent[] = [];
  let stale = 0;
  let unchanged = 0;
  const current = (key: string) => updates.get(key) ?? state.get(key);

  const record = async (key: string, tracked: TrackedItem, findings: Finding[], occurredAt: string) => {
    if (silent) {
      updates.set(key, tracked);
      return;
    }
    const previous = lastChangeId(tracked);
    const event = await buildEvent(tracked.item, findings, {
      source,
      occurredAt,
      detectedAt,
      ...(previous !== undefined && { previous }),
    });
    events.push(event);
    updates.set(key, withEvent(tracked, event));
  };

  const revisions = document.mode === "updates" ? [...document.items].sort(byUpdatedAt) : document.items;
  const listed = new Set<string>();
  for (const item of revisions) {
    const key = itemKey(item);
    listed.add(key);
    const stored = current(key);
    if (!stored || stored.removed_at !== undefined) {
      const again: TrackedItem = {
        item,
        revision: stored?.revision ?? 0,
        created_at: stored?.created_at ?? detectedAt,
      };
      if (stored?.last_change !== undefined) again.last_change = stored.last_change;
      await record(key, again, [createdKind(item)], item.updated_at);
      continue;
    }
    if (compareInstants(item.updated_at, stored.item.updated_at) < 0) {
      stale++;
      continue;
    }
    const findings = diffItem(stored.item, item);
    if (findings.length === 0) {
      unchanged++;
      continue;
    }
    await record(key, { ...stored, item }, findings, item.updated_at);
  }

  if (document.mode === "snapshot") {
    stale += await recordRemovals(state, listed, document.generated_at ?? receivedAt, record);
  }
  return { updates, events, stale, unchanged };
}

type RecordChange = (key: string, tracked: TrackedItem, findings: Finding[], occurredAt: string) => Promise<void>;

/**
 * A snapshot's removals: every live item it does not list is removed as of
 * the document's time, unless its stored revision is newer (a late snapshot
 * removes nothing). Returns how many were stale that way.
 */
async function recordRemovals(
  state: ReadonlyMap<string, TrackedItem>,
  listed: ReadonlySet<string>,
  documentTime: string,
  record: RecordChange,
): Promise<number> {
  let stale = 0;
  for (const [key, stored] of state) {
    if (listed.has(key) || stored.removed_at !== undefined) continue;
    if (compareInstants(stored.item.updated_at, documentTime) > 0) {
      stale++;
      continue;
    }
    await record(key, { ...stored, removed_at: documentTime }, [removedKind(stored.item)], documentTime);
  }
  return stale;
}
