/** Query parameters shared by the events API and the feeds: filters, limit, cursor. */
import { z } from "zod";
import { type EventFilter, eventFilterSchema } from "../../src/events/event-filter.ts";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const listQuerySchema = eventFilterSchema.extend({
  limit: z.coerce
    .number({ error: `expected a number from 1 to ${MAX_LIMIT}` })
    .int(`expected a whole number from 1 to ${MAX_LIMIT}`)
    .min(1, `expected a number from 1 to ${MAX_LIMIT}`)
    .max(MAX_LIMIT, `at most ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT),
  after: z.string().max(4000).optional(),
});

export type ListQuery = { filter: EventFilter; limit: number; after?: string };

export function parseListQuery(
  query: Record<string, string>,
): { ok: true; value: ListQuery } | { ok: false; issues: z.core.$ZodIssue[] } {
  const r = listQuerySchema.safeParse(query);
  if (!r.success) return { ok: false, issues: r.error.issues };
  const { limit, after, ...filter } = r.data;
  return { ok: true, value: { filter, limit, ...(after !== undefined && { after }) } };
}
