/**
 * GET /api/items (current state, paged) and GET /api/items/{source}/{kind}/{id}
 * (one item with its history, newest first, paged). Both read the catalog
 * through its keys and indexes: a page costs what it shows.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { alternatives, ITEM_STATUSES, MAX_ITEMS_PAGE, pageLimit } from "../../src/items/item-filter.ts";
import { ITEM_KINDS } from "../../src/model/item.ts";
import { SOURCE_ID } from "../../src/sources/source-config.ts";
import { catalogStub } from "../catalog-stub.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isItemPath } from "../http/path-params.ts";
import { excerpt, invalidCursor, ProblemError } from "../http/problem.ts";
import { problemHook } from "../http/validation.ts";
import { json, problems } from "../openapi/responses.ts";
import { EventSchema, ItemSchema } from "../openapi/schemas.ts";
import { decodeCursor, encodeCursor, findEvents } from "../store/event-log.ts";

export const itemRoutes = new OpenAPIHono<AppEnv>({ defaultHook: problemHook({ param: (p) => unknownItem(p) }) });
const TAGS = ["Events and items"];

const MAX_HISTORY_PAGE = 200;

const cursorParam = z.string().max(1000).optional().openapi({ description: "The cursor of the previous page" });

const itemsQuery = z.object({
  source: alternatives((v) => SOURCE_ID.test(v), "a source id").openapi({ description: "Source ids, comma-separated" }),
  kind: alternatives((v) => (ITEM_KINDS as readonly string[]).includes(v), "deadline or meeting").openapi({
    description: "deadline, meeting (comma-separated)",
  }),
  status: alternatives((v) => ITEM_STATUSES.includes(v), `an item status (${ITEM_STATUSES.join(", ")})`).openapi({
    description: `Item statuses, comma-separated: ${ITEM_STATUSES.join(", ")}`,
  }),
  removed: z
    .enum(["true", "false"], { error: "expected true or false" })
    .optional()
    .openapi({ description: "`true` lists items gone from their snapshot" }),
  limit: pageLimit(MAX_ITEMS_PAGE, MAX_ITEMS_PAGE).openapi({ description: `1–${MAX_ITEMS_PAGE} (default all)` }),
  after: cursorParam,
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

const ListedItemSchema = ItemSchema.extend({
  source: z.string(),
  removed_at: z.string().optional().openapi({ description: "When it left its snapshot" }),
});

const listItems = createRoute({
  method: "get",
  path: "/",
  tags: TAGS,
  summary: "Current state of the items",
  description: "Ordered by source, kind and id.",
  request: { query: itemsQuery },
  responses: {
    200: json(z.object({ items: z.array(ListedItemSchema), next: z.string().nullable() }), "A page of items"),
    ...problems([400]),
  },
});

itemRoutes.openapi(listItems, async (c) => {
  const { source, kind, status, removed, limit, after } = c.req.valid("query");
  const cursor = after === undefined ? undefined : decodeItemCursor(after);
  if (cursor === null) throw invalidCursor();
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
  return c.json({ items, next: page.next ? encodeItemCursor(page.next) : null }, 200);
});

const historyQuery = z.object({
  limit: pageLimit(MAX_HISTORY_PAGE, 50).openapi({ description: `1–${MAX_HISTORY_PAGE} (default 50)` }),
  after: cursorParam,
});

/** An item's path; one naming no possible source, kind or id is a 404 before any storage is asked. */
export const itemPath = z
  .object({
    source: z.string().openapi({ example: "ukraine-talks" }),
    kind: z.enum(ITEM_KINDS),
    id: z.string().openapi({ example: "london-talks-2025-04-23" }),
  })
  .refine((p) => isItemPath(p.source, p.kind, p.id));

export function unknownItem(p: { source?: string; kind?: string; id?: string }): ProblemError {
  const [source, kind, id] = [p.source ?? "", p.kind ?? "", p.id ?? ""];
  return new ProblemError(404, "unknown_item", `no ${excerpt(kind)} ${excerpt(id)} in source ${excerpt(source)}`);
}

const getItem = createRoute({
  method: "get",
  path: "/{source}/{kind}/{id}",
  tags: TAGS,
  summary: "One item with its history, newest first",
  request: { query: historyQuery, params: itemPath },
  responses: {
    200: json(
      z.object({
        source: z.string(),
        item: ItemSchema,
        removed_at: z.string().optional(),
        revision: z.number().int().openapi({ description: "Rises with every event of the item" }),
        history: z.array(EventSchema),
        history_next: z.string().nullable(),
      }),
      "The item and a page of its events",
    ),
    ...problems([400, 404]),
  },
});

itemRoutes.openapi(getItem, async (c) => {
  const { source, kind, id } = c.req.valid("param");
  const q = c.req.valid("query");
  const after = q.after === undefined ? undefined : decodeCursor(q.after);
  if (after === null) throw invalidCursor();
  const tracked = await catalogStub(c.env).item(source, kind, id);
  if (!tracked) throw unknownItem({ source, kind, id });
  const page = await findEvents(c.env, {
    filter: {},
    scope: { source, item: `${kind}/${id}` },
    limit: q.limit,
    ...(after !== undefined && { after }),
  });
  return c.json(
    {
      source,
      item: tracked.item,
      ...(tracked.removed_at && { removed_at: tracked.removed_at }),
      revision: tracked.revision,
      history: page.events,
      history_next: page.next ? encodeCursor(page.next) : null,
    },
    200,
  );
});
