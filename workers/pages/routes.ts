/**
 * The board's pages: `/` for browsers (Accept: text/html; API clients fall
 * through to the JSON index), `/sources/{id}` and `/items/{source}/{kind}/{id}`.
 * Each page is bounded catalog reads (one page of items, one page of events,
 * and for a source its listing), then an ETag over what the page is built
 * from and the current minute (countdowns move by the minute): a 304 when
 * the reader has it, else the page rendered on the server.
 */
import { type Context, Hono } from "hono";
import { subscribeLinks } from "../../src/board/subscribe.ts";
import type { EventFilter } from "../../src/events/event-filter.ts";
import { catalogStub } from "../catalog-stub.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isNotModified, strongEtag } from "../http/conditional.ts";
import { isItemPath } from "../http/path-params.ts";
import { invalidRequest } from "../http/problem.ts";
import { type ListQuery, listQuerySchema, splitListQuery } from "../http/query.ts";
import { findEvents } from "../store/event-log.ts";
import { contentSecurityPolicy } from "./assets.ts";
import { renderBoardHtml, renderItemHtml } from "./render.tsx";

export const pageRoutes = new Hono<AppEnv>();

/** One page of items: the board shows at most this many. */
export const BOARD_ITEMS = 500;
/** The item page's history: one page of its events. */
export const ITEM_EVENTS = 100;

/** The query of the events API (filters and limit); a bad one is the API's 400, rendered by app.onError. */
function parseQuery(query: Record<string, string>): ListQuery {
  const r = listQuerySchema.safeParse(query);
  if (!r.success) throw invalidRequest("invalid query", r.error.issues);
  return splitListQuery(r.data);
}

function wantsHtml(c: Context<AppEnv>): boolean {
  return (c.req.header("accept") ?? "").includes("text/html");
}

/** 304 when the reader's ETag matches, else the page from `render`, with the pages' security headers. */
async function page(c: Context<AppEnv>, parts: string[], render: () => Promise<string>, status: 200 | 404 = 200) {
  const url = new URL(c.req.url);
  const minute = String(Math.floor(Date.now() / 60_000));
  const etag = await strongEtag("page", url.host, url.pathname, url.search, minute, ...parts);
  const headers: Record<string, string> = { ETag: etag, "Cache-Control": "public, max-age=60" };
  if (url.pathname === "/") headers.Vary = "Accept";
  if (status === 200 && isNotModified(c.req.raw, etag, null)) return c.body(null, 304, headers);
  return c.body(await render(), status, {
    ...headers,
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": await contentSecurityPolicy(),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  });
}

async function boardData(env: Env, filter: EventFilter, limit: number) {
  const catalog = catalogStub(env);
  const [items, events] = await Promise.all([
    catalog.items({ source: filter.source, removed: false, limit: BOARD_ITEMS }),
    findEvents(env, { filter, limit }),
  ]);
  const parts = [...events.keys, ...items.items.map((i) => `${i.source}/${itemKeyOf(i.tracked)}`)];
  return { items: items.items, events: events.events, truncated: items.next !== undefined, parts };
}

const itemKeyOf = (t: { item: { kind: string; id: string }; revision: number; removed_at?: string }) =>
  `${t.item.kind}/${t.item.id}@${t.revision}${t.removed_at ? "-" : ""}`;

function describe(filter: EventFilter): string {
  const bits = [
    filter.source?.length && `source ${filter.source.join(", ")}`,
    filter.tag?.length && `tag ${filter.tag.join(", ")}`,
  ];
  return bits.filter(Boolean).join(" · ");
}

pageRoutes.get("/", async (c, next) => {
  if (!wantsHtml(c)) {
    c.header("Vary", "Accept");
    return next();
  }
  const { filter, limit } = parseQuery(c.req.query());
  const data = await boardData(c.env, filter, limit);
  const narrowed = describe(filter);
  const origin = new URL(c.req.url).origin;
  return page(c, data.parts, () =>
    renderBoardHtml({
      ...data,
      tags: filter.tag?.map((t) => t.toLowerCase()),
      title: narrowed ? `Board: ${narrowed}` : "Board",
      lede: "Deadlines and meetings in negotiations, and every change parley detected.",
      now: Date.now(),
      links: subscribeLinks(origin, { kind: "board", source: filter.source?.join(","), tag: filter.tag?.join(",") }),
    }),
  );
});

pageRoutes.get("/sources/:id", async (c) => {
  const id = c.req.param("id");
  const { filter, limit } = parseQuery({ ...c.req.query(), source: id });
  const [data, listings] = await Promise.all([boardData(c.env, filter, limit), catalogStub(c.env).sources()]);
  const listing = listings.find((l) => l.view.config.id === id);
  if (!listing) return notFound(c, `No source named “${id.slice(0, 80)}”.`);
  const origin = new URL(c.req.url).origin;
  const tag = filter.tag?.join(",");
  return page(c, [...data.parts, JSON.stringify(listing.view)], () =>
    renderBoardHtml({
      ...data,
      tags: filter.tag?.map((t) => t.toLowerCase()),
      title: listing.view.config.title ?? id,
      lede: `Source ${id}${tag ? ` · tag ${tag}` : ""}: its deadlines, meetings and changes.`,
      now: Date.now(),
      health: listing.view,
      links: subscribeLinks(origin, { kind: "board", source: id, tag }),
    }),
  );
});

pageRoutes.get("/items/:source/:kind/:id", async (c) => {
  const { source, kind, id } = c.req.param();
  if (!isItemPath(source, kind, id)) return notFound(c, "No such item.");
  const [tracked, events] = await Promise.all([
    catalogStub(c.env).item(source, kind, id),
    findEvents(c.env, { filter: {}, scope: { source, item: `${kind}/${id}` }, limit: ITEM_EVENTS }),
  ]);
  if (!tracked) return notFound(c, `No ${kind} “${id.slice(0, 80)}” in source “${source}”.`);
  const links = subscribeLinks(new URL(c.req.url).origin, { kind: "item", source, itemKind: kind, id });
  return page(c, [itemKeyOf(tracked), ...events.keys], () =>
    renderItemHtml({ source, tracked, events: events.events, links, more: events.next !== undefined }),
  );
});

function notFound(c: Context<AppEnv>, message: string) {
  const text = message.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return page(
    c,
    ["404", message],
    async () =>
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found — parley</title><link rel="icon" href="data:,"></head><body><main><h1>Not found</h1><p>${text}</p><p><a href="/">Back to the board</a></p></main></body></html>`,
    404,
  );
}
