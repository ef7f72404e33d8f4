/** Query parameters shared by the events API and the feeds: filters, limit, cursor. */
import { z } from "@hono/zod-openapi";
import { type EventFilter, eventFilterSchema } from "../../src/events/event-filter.ts";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const FILTER_DOCS: Record<keyof typeof eventFilterSchema.shape, string> = {
  source: "Source ids, comma-separated alternatives",
  type: "The event's type: kinds or patterns such as `meeting.*`, comma-separated",
  kind: "Any of the event's kinds: kinds or patterns such as `meeting.*`, comma-separated",
  tag: "Tags (case-insensitive), comma-separated",
  item: "Items as `kind/id` or an id, comma-separated",
  severity: "Minimum severity (info < minor < major)",
};

const limit = z.coerce
  .number({ error: `expected a number from 1 to ${MAX_LIMIT}` })
  .int(`expected a whole number from 1 to ${MAX_LIMIT}`)
  .min(1, `expected a number from 1 to ${MAX_LIMIT}`)
  .max(MAX_LIMIT, `at most ${MAX_LIMIT}`)
  .default(DEFAULT_LIMIT);

/** The filters of the events API and the feeds, each documented. */
export const filterQuerySchema = z.object(
  Object.fromEntries(
    Object.entries(eventFilterSchema.shape).map(([k, s]) => [
      k,
      s.openapi({ description: FILTER_DOCS[k as keyof typeof FILTER_DOCS] }),
    ]),
  ) as typeof eventFilterSchema.shape,
);

export const listQuerySchema = filterQuerySchema.extend({
  limit: limit.openapi({ description: `How many, 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT})` }),
  after: z.string().max(4000).optional().openapi({ description: "The cursor `next` of the previous page" }),
});

export type ListQuery = { filter: EventFilter; limit: number; after?: string };

/** A validated list query as the filter, the limit and the cursor. */
export function splitListQuery(query: z.output<typeof listQuerySchema>): ListQuery {
  const { limit, after, ...filter } = query;
  return { filter, limit, ...(after !== undefined && { after }) };
}
