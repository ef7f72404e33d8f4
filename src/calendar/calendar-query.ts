/**
 * The calendar feeds' query parameters, as zod schemas (so the routes can be
 * declared from them): the change feeds' `source`, `kind`, `tag` and `item`
 * (comma lists) plus `status`. `kind` names item kinds; a change-feed pattern
 * such as `meeting.*` is read as its item kind.
 */
import { z } from "zod";
import { commaList } from "../events/event-filter.ts";
import { DEADLINE_STATUSES, ITEM_KINDS, type ItemKind, MEETING_STATUSES } from "../model/item.ts";

const STATUSES: readonly string[] = [...new Set<string>([...DEADLINE_STATUSES, ...MEETING_STATUSES])];

function itemKindOf(pattern: string): ItemKind | undefined {
  const head = pattern.split(".")[0];
  return (ITEM_KINDS as readonly string[]).includes(head) ? (head as ItemKind) : undefined;
}

const kinds = commaList.optional().check((ctx) => {
  for (const k of ctx.value ?? []) {
    if (itemKindOf(k) === undefined)
      ctx.issues.push({ code: "custom", input: k, message: `expected ${ITEM_KINDS.join(" or ")}` });
  }
});

const statuses = commaList.optional().check((ctx) => {
  for (const s of ctx.value ?? []) {
    if (!STATUSES.includes(s))
      ctx.issues.push({ code: "custom", input: s, message: `expected one of ${STATUSES.join(", ")}` });
  }
});

export const calendarQuerySchema = z.object({
  source: commaList.optional(),
  kind: kinds,
  tag: commaList.optional(),
  item: commaList.optional(),
  status: statuses,
});

export interface CalendarFilter {
  source?: string[];
  kind?: ItemKind[];
  /** Lower-cased. */
  tag?: string[];
  /** `kind/id` or a bare id. */
  item?: string[];
  status?: string[];
}

/** The parsed query as a filter: kinds as item kinds, tags lower-cased, empty lists dropped. */
export function calendarFilter(q: z.output<typeof calendarQuerySchema>): CalendarFilter {
  const f: CalendarFilter = {};
  if (q.source?.length) f.source = q.source;
  if (q.kind?.length) f.kind = [...new Set(q.kind.map((k) => itemKindOf(k) as ItemKind))];
  if (q.tag?.length) f.tag = q.tag.map((t) => t.toLowerCase());
  if (q.item?.length) f.item = q.item;
  if (q.status?.length) f.status = q.status;
  return f;
}

/** `/feeds/items/{source}/{kind}/{id}.ics`: the path's parameters. */
export const calendarItemParamsSchema = z.object({
  source: z.string(),
  kind: z.enum(ITEM_KINDS),
  file: z.string().regex(/^.+\.ics$/),
});
