/**
 * The event log in Workers KV: one key per event (see src/events/event-index.ts
 * for the key order and metadata), read newest first with filters applied to
 * the metadata, so a listing costs list operations, not a read per event.
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import type { EventFilter } from "../../src/events/event-filter.ts";
import { matchesFilter } from "../../src/events/event-filter.ts";
import {
  detectedMsOfKey,
  EVENT_PREFIX,
  type EventMeta,
  eventKey,
  eventMeta,
  fullMeta,
} from "../../src/events/event-index.ts";

/**
 * Writes events to the log. Each entry's metadata carries the time of writing
 * (`p`): an event published late (an outbox retry) has an older detection time
 * than events already readable, so feeds take Last-Modified from `p`.
 */
export async function writeEvents(kv: KVNamespace, events: readonly ChangeEvent[]): Promise<void> {
  const p = Date.now();
  await Promise.all(events.map((e) => kv.put(eventKey(e), JSON.stringify(e), { metadata: { ...eventMeta(e), p } })));
}

/** Values of many keys, in the order given (missing ones dropped). */
export async function readEvents(kv: KVNamespace, keys: readonly string[]): Promise<ChangeEvent[]> {
  const out: ChangeEvent[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    const chunk = keys.slice(i, i + 100);
    const values = await kv.get<ChangeEvent>(chunk, "json");
    for (const k of chunk) {
      const v = values.get(k);
      if (v) out.push(v);
    }
  }
  return out;
}

interface Cursor {
  /** KV list cursor of the page the last returned key is on (absent: the first page). */
  c?: string;
  /** The last key returned. */
  k: string;
}

export function encodeCursor(c: Cursor): string {
  return btoa(JSON.stringify(c)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCursor(s: string): Cursor | null {
  try {
    const c = JSON.parse(atob(s.replace(/-/g, "+").replace(/_/g, "/")));
    if (typeof c?.k === "string" && c.k.startsWith(EVENT_PREFIX) && (c.c === undefined || typeof c.c === "string")) {
      return c;
    }
  } catch {}
  return null;
}

export interface EventPage {
  /** Keys of the matching events, newest first. */
  keys: string[];
  /** Cursor for the next page, when there may be more. */
  next?: string;
  /** The latest time (ms) one of these events was written to the log; null when there are none. */
  publishedMs: number | null;
}

/**
 * Keys of the newest `limit` events matching `filter`, after `cursor`.
 * Entries whose metadata could not carry everything (`x`) are read to decide.
 * `next` is given only when more may match: after the limit is reached, the
 * rest of the KV page already fetched is checked for one more match, so a
 * last page of exactly `limit` events usually ends without a cursor.
 */
export async function findEventKeys(
  kv: KVNamespace,
  filter: EventFilter,
  limit: number,
  after?: Cursor,
): Promise<EventPage> {
  const keys: string[] = [];
  let publishedMs: number | null = null;
  let pageCursor = after?.c;
  let skipThrough = after?.k;
  const matches = async (name: string, metadata: EventMeta | null): Promise<EventMeta | null> => {
    let meta = metadata;
    if (!meta || meta.x) {
      const event = await kv.get<ChangeEvent>(name, "json");
      if (!event) return null;
      meta = { ...fullMeta(event), ...(metadata?.p !== undefined && { p: metadata.p }) };
    }
    return matchesFilter(meta, filter) ? meta : null;
  };
  for (;;) {
    const page = await kv.list<EventMeta>({ prefix: EVENT_PREFIX, cursor: pageCursor, limit: 1000 });
    for (let i = 0; i < page.keys.length; i++) {
      const entry = page.keys[i];
      if (skipThrough !== undefined && entry.name <= skipThrough) continue;
      const meta = await matches(entry.name, entry.metadata ?? null);
      if (!meta) continue;
      keys.push(entry.name);
      const published = meta.p ?? detectedMsOfKey(entry.name);
      if (publishedMs === null || published > publishedMs) publishedMs = published;
      if (keys.length === limit) {
        let more = !page.list_complete;
        for (let j = i + 1; j < page.keys.length && !more; j++) {
          if (await matches(page.keys[j].name, page.keys[j].metadata ?? null)) more = true;
        }
        if (!more) return { keys, publishedMs };
        const next = encodeCursor({ ...(pageCursor !== undefined && { c: pageCursor }), k: entry.name });
        return { keys, next, publishedMs };
      }
    }
    if (page.list_complete) return { keys, publishedMs };
    pageCursor = page.cursor;
    skipThrough = undefined;
  }
}
