/**
 * How an event is indexed in the event log: a key that sorts newest first and
 * a small metadata record that list filters read without fetching the event.
 *
 * Key: `evt:<inverted detected ms, 13 digits>:<inverted occurred ms>:<id>` —
 * lexicographic order is newest detection first, then newest occurrence.
 * Metadata stays under KV's 1,024-byte limit; when an event's tags would not
 * fit, they are left out and `x` marks the entry as "read the event to filter".
 */

import type { ChangeEvent } from "./event.ts";
import { SEVERITY_RANK } from "./event.ts";

export const EVENT_PREFIX = "evt:";
const MAX_MS = 9_999_999_999_999;
const MAX_METADATA_BYTES = 1000;

export interface EventMeta {
  /** source */
  s: string;
  /** kinds (the first is the type) */
  k: string[];
  /** item key `kind/id`, or the subject key for operational events */
  i: string;
  /** severity rank (info 0, minor 1, major 2) */
  v: number;
  /** lower-cased tags, unless too many to fit (then x = 1) */
  g?: string[];
  x?: 1;
  /** When the event was written to the log (ms): what feeds' Last-Modified is built from. */
  p?: number;
}

function inverted(iso: string): string {
  return String(MAX_MS - Date.parse(iso)).padStart(13, "0");
}

export function eventKey(e: { id: string; occurred_at: string; detected_at: string }): string {
  return `${EVENT_PREFIX}${inverted(e.detected_at)}:${inverted(e.occurred_at)}:${e.id}`;
}

export function subjectKey(event: ChangeEvent): string {
  return `${event.item.kind}/${event.item.id}`;
}

function tagsOf(event: ChangeEvent): string[] {
  const tags = (event.item as { tags?: unknown }).tags;
  return Array.isArray(tags) ? tags.map((t) => String(t).toLowerCase()) : [];
}

export function eventMeta(event: ChangeEvent): EventMeta {
  const meta: EventMeta = {
    s: event.source,
    k: event.kinds,
    i: subjectKey(event),
    v: SEVERITY_RANK[event.severity],
    g: tagsOf(event),
  };
  if (new TextEncoder().encode(JSON.stringify(meta)).length > MAX_METADATA_BYTES) {
    delete meta.g;
    meta.x = 1;
  }
  return meta;
}

/** The metadata as it would be for a full event (used when an entry says `x`). */
export function fullMeta(event: ChangeEvent): EventMeta {
  return {
    s: event.source,
    k: event.kinds,
    i: subjectKey(event),
    v: SEVERITY_RANK[event.severity],
    g: tagsOf(event),
  };
}

/** The detection time (ms) encoded in an event key. */
export function detectedMsOfKey(key: string): number {
  return MAX_MS - Number(key.slice(EVENT_PREFIX.length, EVENT_PREFIX.length + 13));
}
