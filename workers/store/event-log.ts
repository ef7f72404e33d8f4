/**
 * The event log as the routes read it: pages from the catalog's indexes
 * (workers/catalog/event-query.ts), with the opaque cursor the API hands out.
 */
import { EVENT_PREFIX } from "../../src/events/event-index.ts";
import type { EventPageResult } from "../catalog/catalog-types.ts";
import type { EventQuery } from "../catalog/event-query.ts";
import { catalogStub } from "../catalog-stub.ts";

export function encodeCursor(key: string): string {
  return btoa(JSON.stringify({ k: key }))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The last key of the previous page, or null when `s` is not a cursor this API returned. */
export function decodeCursor(s: string): string | null {
  try {
    const c = JSON.parse(atob(s.replace(/-/g, "+").replace(/_/g, "/")));
    if (typeof c?.k === "string" && c.k.startsWith(EVENT_PREFIX) && c.k.length < 400) return c.k;
  } catch {}
  return null;
}

export function findEvents(env: Env, q: EventQuery): Promise<EventPageResult> {
  return catalogStub(env).events(q);
}
