/**
 * GET /api/items (current state, paged) and GET /api/items/{source}/{kind}/{id}
 * (one item with its history, newest first, paged). Both read the catalog
 * through its keys and indexes: a page costs what it shows.
 */
import { Hono } from "hono";
import { z } from "zod";
import { commaList } from "../../src/events/event-filter.ts";
import { DEADLINE_STATUSES, ITEM_KINDS, MEETING_STATUSES } from "../../src/model/item.ts";
import { SOURCE_ID } from "../../src/sources/source-config.ts";
import { catalogStub } from "../catalog-stub.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isItemPath } from "../http/path-params.ts";
import { excerpt, problem, validationProblem } from "../http/problem.ts";
import { decodeCursor, encodeCursor, findEvents } from "../store/event-log.ts";

export const itemRoutes = new Hono<AppEnv>();

const STATUSES: readonly string[] = [...new Set([...DEADLINE_STATUSES, ...MEETING_STATUSES])];
export const MAX_ITEMS_PAGE = 1000;
const MAX_HISTORY_PAGE = 200;

/** A comma-separated list of alternatives (as the events API and feeds take them), each one checked. */
const alternatives = (valid: (v: string) => boolean, expected: string) =>
  commaList
    .check((ctx) => {
      for (const v of ctx.value) {
        if (!valid(v)) ctx.issues.push({ code: "custom", input: v, message: `${excerpt(v)}: expected ${expected}` });
      }
    })
    .optional();

const pageLimit = (max: number, fallback: number) =>
  z.coerce
    .number({ error: `expected a number from 1 to ${max}` })
    .int(`expected a whole number from 1 to ${max}`)
    .min(1, `expected a number from 1 to ${max}`)
    .max(max, `at most ${max}`)
    .default(fallback);

const itemsQuery = z.object({
  source: alternatives((v) => SOURCE_ID.test(v), "a source id"),
  kind: alternatives((v) => (ITEM_KINDS as readonly string[]).includes(v), "deadline or meeting"),
  status: alternatives((v) => STATUSES.includes(v), `an item status (${STATUSES.join(", ")})`),
  removed: z.enum(["true", "false"], { error: "expected true or false" }).optional(),
  limit: pageLimit(MAX_ITEMS_PAGE, MAX_ITEMS_PAGE),
  after: z.string().max(1000).optional(),
});

function encodeItemCursor(key: [string, string, string]): string {
  return btoa(JSON.stringify(key)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeItemCursor(s: string): [string, string, string] | null {
  try {
    const k = JSON.parse(atob(s.replace(/-/g, "+").replace(/_/g, "/")));
    if (Array.isArray(k) && k.length === 3 && k.every((x) => typeof x === "string"))
      return k as [string, string, string];
  } catch {}
  return null;
}

itemRoutes.get("/", async (c) => {
  const q = itemsQuery.safeParse(c.req.query());
  if (!q.success) return validationProblem(c, "invalid query", q.error.issues);
  const { source, kind, status, removed, limit, after } = q.data;
  const cursor = after === undefined ? undefined : decodeItemCursor(after);
  if (cursor === null) return problem(c, 400, "invalid_cursor", "after: not a cursor returned by this API");
  const page = await catalogStub(c.env).items({
    ...(source?.length && { source: [...new Set(source)] }),
    ...(kind?.length && { kind }),
    ...(status?.length && { status }),
    removed: removed === "true",
    limit,
    ...(cursor && { after: cursor }),
  });
  const items = page.items.map(({ source, tracked: t }) => ({
    source,
    ...t.item,
    ...(t.removed_at && { removed_at: t.removed_at }),
  }));
  return c.json({ items, next: page.next ? encodeItemCursor(page.next) : null });
});

const historyQuery = z.object({ limit: pageLimit(MAX_HISTORY_PAGE, 50), after: z.string().max(1000).optional() });

itemRoutes.get("/:source/:kind/:id", async (c) => {
  const { source, kind, id } = c.req.param();
  const q = historyQuery.safeParse(c.req.query());
  if (!q.success) return validationProblem(c, "invalid query", q.error.issues);
  const after = q.data.after === undefined ? undefined : decodeCursor(q.data.after);
  if (after === null) return problem(c, 400, "invalid_cursor", "after: not a cursor returned by this API");
  const tracked = isItemPath(source, kind, id) ? await catalogStub(c.env).item(source, kind, id) : null;
  if (!tracked)
    return problem(c, 404, "unknown_item", `no ${excerpt(kind)} ${excerpt(id)} in source ${excerpt(source)}`);
  const page = await findEvents(c.env, {
    filter: {},
    scope: { source, item: `${kind}/${id}` },
    limit: q.data.limit,
    ...(after !== undefined && { after }),
  });
  return c.json({
    source,
    item: tracked.item,
    ...(tracked.removed_at && { removed_at: tracked.removed_at }),
    revision: tracked.revision,
    history: page.events,
    history_next: page.next ? encodeCursor(page.next) : null,
  });
});
