/**
 * GET /api/items (current state, paged) and GET /api/items/{source}/{kind}/{id}
 * (one item with its history, newest first, paged). Both read the catalog
 * through its keys and indexes: a page costs what it shows.
 */
import { Hono } from "hono";
import { z } from "zod";
import { itemsQuery, pageLimit } from "../../src/items/item-filter.ts";
import { catalogStub } from "../catalog-stub.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isItemPath } from "../http/path-params.ts";
import { excerpt, problem, validationProblem } from "../http/problem.ts";
import { decodeCursor, encodeCursor, findEvents } from "../store/event-log.ts";

export const itemRoutes = new Hono<AppEnv>();

const MAX_HISTORY_PAGE = 200;

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
