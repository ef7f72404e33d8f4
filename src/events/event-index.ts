/**
 * How an event is keyed in the event log (the catalog's `events` table and
 * its indexes): a key that sorts newest first, and the subject key the item
 * index holds.
 *
 * Key: `evt:<inverted detected ms, 13 digits>:<inverted occurred ms>:<id>` —
 * lexicographic order is newest detection first, then newest occurrence.
 */

import type { ChangeEvent } from "./event.ts";

export const EVENT_PREFIX = "evt:";
/** The largest time (ms) a key can hold; keys hold MAX_MS − t, so newer sorts first. */
export const MAX_MS = 9_999_999_999_999;

function inverted(iso: string): string {
  return String(MAX_MS - Date.parse(iso)).padStart(13, "0");
}

export function eventKey(e: { id: string; occurred_at: string; detected_at: string }): string {
  return `${EVENT_PREFIX}${inverted(e.detected_at)}:${inverted(e.occurred_at)}:${e.id}`;
}

/** `kind/id` of the event's item, or of its subject for operational events (`source/…`, `subscription/…`). */
export function subjectKey(event: ChangeEvent): string {
  return `${event.item.kind}/${event.item.id}`;
}

/** The detection time (ms) encoded in an event key. */
export function detectedMsOfKey(key: string): number {
  return MAX_MS - Number(key.slice(EVENT_PREFIX.length, EVENT_PREFIX.length + 13));
}
