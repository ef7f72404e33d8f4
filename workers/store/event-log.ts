/**
 * The event log in Workers KV: one key per event (see src/events/event-index.ts
 * for the key order and metadata), read newest first with filters applied to
 * the metadata, so a listing costs list operations, not a read per event.
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import type { EventFilter } from "../../src/events/event-filter.ts";
import { matchesFilter } from "../../src/events/event-filter.ts";
import { EVENT_PREFIX, type EventMeta, eventKey, eventMeta, fullMeta } from "../../src/events/event-index.ts";

export async function writeEvents(kv: KVNamespace, events: readonly ChangeEvent[]): Promise<void> {
  await Promise.all(events.map((e) => kv.put(eventKey(e), JSON.stringify(e), { metadata: eventMeta(e) })));
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
}

/**
 * Keys of the newest `limit` events matching `filter`, after `cursor`.
 * Entries whose metadata could not carry everything (`x`) are read to decide.
 */
export async function findEventKeys(
  kv: KVNamespace,
  filter: EventFilter,
  limit: number,
  after?: Cursor,
): Promise<EventPage> {
  const keys: string[] = [];
  let pageCursor = after?.c;
  let skipThrough = after?.k;
  for (;;) {
    const page = await kv.list<EventMeta>({ prefix: EVENT_PREFIX, cursor: pageCursor, limit: 1000 });
    for (const entry of page.keys) {
      if (skipThrough !== undefined && entry.name <= skipThrough) continue;
      let meta = entry.metadata;
      if (!meta || meta.x) {
        const event = await kv.get<ChangeEvent>(entry.name, "json");
        if (!event) continue;
        meta = fullMeta(event);
      }
      if (!matchesFilter(meta, filter)) continue;
      keys.push(entry.name);
      if (keys.length === limit) {
        return { keys, next: encodeCursor({ ...(pageCursor !== undefined && { c: pageCursor }), k: entry.name }) };
      }
    }
    if (page.list_complete) return { keys };
    pageCursor = page.cursor;
    skipThrough = undefined;
  }
}
