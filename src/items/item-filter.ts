/**
 * Filters over the current items (GET /api/items), beside the event log's
 * (src/events/event-filter.ts): `source`, `kind` and `status`, each a
 * comma-separated list of alternatives checked one by one, and `removed`
 * (removed items instead of live ones); with the page size and cursor.
 */
import { z } from "zod";
import { commaList } from "../events/event-filter.ts";
import { DEADLINE_STATUSES, ITEM_KINDS, MEETING_STATUSES } from "../model/item.ts";
import { SOURCE_ID } from "../sources/source-config.ts";
import { excerpt } from "../text/excerpt.ts";

/** Every status an item of either kind can have. */
export const ITEM_STATUSES: readonly string[] = [...new Set([...DEADLINE_STATUSES, ...MEETING_STATUSES])];
export const MAX_ITEMS_PAGE = 1000;

/** What the catalog filters items by (workers/catalog-object.ts `items`). */
export interface ItemFilter {
  source?: string[];
  kind?: string[];
  status?: string[];
  removed: boolean;
}

/** A comma-separated list of alternatives (as the events API and feeds take them), each one checked. */
export const alternatives = (valid: (v: string) => boolean, expected: string) =>
  commaList
    .check((ctx) => {
      for (const v of ctx.value) {
        if (!valid(v)) ctx.issues.push({ code: "custom", input: v, message: `${excerpt(v)}: expected ${expected}` });
      }
    })
    .optional();

/** A page size from 1 to `max`, `fallback` when absent. */
export const pageLimit = (max: number, fallback: number) =>
  z.coerce
    .number({ error: `expected a number from 1 to ${max}` })
    .int(`expected a whole number from 1 to ${max}`)
    .min(1, `expected a number from 1 to ${max}`)
    .max(max, `at most ${max}`)
    .default(fallback);

/** GET /api/items's query. */
export const itemsQuery = z.object({
  source: alternatives((v) => SOURCE_ID.test(v), "a source id"),
  kind: alternatives((v) => (ITEM_KINDS as readonly string[]).includes(v), "deadline or meeting"),
  status: alternatives((v) => ITEM_STATUSES.includes(v), `an item status (${ITEM_STATUSES.join(", ")})`),
  removed: z.enum(["true", "false"], { error: "expected true or false" }).optional(),
  limit: pageLimit(MAX_ITEMS_PAGE, MAX_ITEMS_PAGE),
  after: z.string().max(1000).optional(),
});
