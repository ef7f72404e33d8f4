/**
 * Feeds for readers: /feeds/changes.{rss,atom,json} (filterable) and
 * /feeds/items/{source}/{kind}/{id}.{rss,atom,json}. One catalog request per
 * read, through the filter's index: the ETag covers the matching event keys,
 * so a 304 and a 200 cost the same bounded read whatever the log's size.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { renderAtom } from "../../src/render/atom.ts";
import { boardLink } from "../../src/render/event-link.ts";
import { FEED_ICON_PATH, feedIconPng } from "../../src/render/feed-icon.ts";
import type { FeedMeta } from "../../src/render/feed-meta.ts";
import { renderJsonFeed } from "../../src/render/json-feed.ts";
import { renderRss } from "../../src/render/rss.ts";
import { toUtcIso } from "../../src/time/instant.ts";
import { hubLinkHeaders } from "../../src/websub/hubs.ts";
import type { EventPageResult } from "../catalog/catalog-types.ts";
import { catalogStub } from "../catalog-stub.ts";
import { readConfig } from "../config.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isNotModified, lastModified, strongEtag } from "../http/conditional.ts";
import { isItemPath } from "../http/path-params.ts";
import { ProblemError } from "../http/problem.ts";
import { filterQuerySchema, listQuerySchema, splitListQuery } from "../http/query.ts";
import { problemHook } from "../http/validation.ts";
import { problems } from "../openapi/responses.ts";
import { findEvents } from "../store/event-log.ts";
import { CALENDAR_TYPE, itemCalendar } from "./calendars.ts";
import { unknownItem } from "./items.ts";

export const feedRoutes = new OpenAPIHono<AppEnv>({
  // Only an item feed's file can fail its pattern: a 404 saying how item feeds end.
  defaultHook: problemHook({ param: (p) => unknownItem({ ...p, id: splitFile(p.file ?? "").name }) }),
});

const FORMATS = {
  rss: { type: "application/rss+xml; charset=utf-8", render: renderRss },
  atom: { type: "application/atom+xml; charset=utf-8", render: renderAtom },
  json: { type: "application/feed+json; charset=utf-8", render: renderJsonFeed },
} as const;
type Format = keyof typeof FORMATS;

const CACHE_CONTROL = "public, max-age=60";

const FEED_FILE = /^(.+)\.(rss|atom|json|ics)$/;

function splitFile(file: string): { name: string; format: Format | "ics" } {
  const m = FEED_FILE.exec(file);
  if (!m) throw new ProblemError(404, "not_found", "item feeds end in .rss, .atom, .json or .ics");
  return { name: m[1], format: m[2] as Format | "ics" };
}

function alternates(url: URL, name: string) {
  const at = (ext: string) => {
    const u = new URL(url);
    u.pathname = u.pathname.replace(/[^/]+$/, `${name}.${ext}`);
    return u.toString();
  };
  return { rss: at("rss"), atom: at("atom"), json: at("json") };
}

/** parley's base URL for links in entries: PUBLIC_BASE_URL when set, else the request's origin. */
function baseUrl(c: Context<AppEnv>): string {
  const configured = c.env.PUBLIC_BASE_URL ?? "";
  return /^https?:\/\//.test(configured) ? configured.replace(/\/+$/, "") : new URL(c.req.url).origin;
}

type PageMeta = Pick<FeedMeta, "title" | "description"> & { siteUrl?: string };

/** Answers with the page rendered in `format`, or 304 when the reader has it already. */
async function respond(c: Context<AppEnv>, format: Format, page: EventPageResult, meta: PageMeta, name: string) {
  const base = baseUrl(c);
  const url = new URL(c.req.url);
  const hubs = readConfig(c.env).websub.hubs;
  const etag = await strongEtag(format, url.host, url.pathname, url.search, ...hubs, ...page.keys);
  const headers: Record<string, string> = { ETag: etag, "Cache-Control": CACHE_CONTROL, Vary: "Accept-Encoding" };
  // When the feed's content last changed: the latest time one of its events was written to the log
  // (an event published late by a retry has an older detection time than events already readable).
  const modified = lastModified(page.publishedMs);
  if (modified !== null) headers["Last-Modified"] = modified;
  const links = hubLinkHeaders(hubs, url.toString());
  if (links.length) headers.Link = links.join(", ");
  if (isNotModified(c.req.raw, etag, modified)) return c.body(null, 304, headers);
  const body = FORMATS[format].render(page.events, {
    ...meta,
    hubs,
    selfUrl: url.toString(),
    siteUrl: meta.siteUrl ?? `${base}/`,
    // The entries are dated by publication: the feed was last updated when the newest was written.
    updated: page.publishedMs !== null ? toUtcIso(page.publishedMs) : "1970-01-01T00:00:00Z",
    alternates: alternates(url, name),
    baseUrl: base,
    sourceNames: page.sourceTitles,
    publishedMs: page.writtenMs,
    iconUrl: `${base}${FEED_ICON_PATH}`,
    language: "en",
  });
  return c.body(body, 200, { ...headers, "Content-Type": FORMATS[format].type });
}

const feedQuery = filterQuerySchema.extend({ limit: listQuerySchema.shape.limit });

/** A feed's responses: the document in its format (or all three), 304, and the errors. */
function feedResponses(formats: readonly Format[], notFound?: string) {
  const content = Object.fromEntries(formats.map((f) => [FORMATS[f].type.split(";")[0], { schema: z.string() }]));
  return {
    200: {
      description: "The feed; with ETag, Last-Modified and Cache-Control: public, max-age=60",
      content,
    },
    304: { description: "Not modified (If-None-Match / If-Modified-Since)" },
    ...problems(notFound ? [400, 404] : [400], notFound ? { 404: notFound } : {}),
  };
}

// The changes feed, one declared route per format. Another feed of /feeds (e.g. calendar.ics)
// is declared the same way: createRoute with its path, query and responses, then feedRoutes.openapi.
for (const format of Object.keys(FORMATS) as Format[]) {
  const changes = createRoute({
    method: "get",
    path: `/changes.${format}`,
    tags: ["Feeds"],
    summary: `Every change, as ${{ rss: "RSS 2.0", atom: "Atom 1.0", json: "JSON Feed 1.1" }[format]}`,
    description: "The newest events (50 unless `limit`), with the filters of the events API.",
    request: { query: feedQuery },
    responses: feedResponses([format]),
  });
  feedRoutes.openapi(changes, async (c) => {
    const { filter, limit } = splitListQuery(c.req.valid("query"));
    const page = await findEvents(c.env, { filter, limit });
    const described = Object.entries(filter)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : v}`)
      .join(" ");
    const title = described ? `parley: changes (${described})` : "parley: changes";
    const description = "Deadlines and meetings in negotiations: every change parley detected";
    return respond(c, format, page, { title, description }, "changes");
  });
}

/** The item feed's responses with the calendar's media type beside the feeds'. */
function withCalendar<R extends { 200: { description: string; content: Record<string, { schema: z.ZodString }> } }>(
  responses: R,
): R {
  return {
    ...responses,
    200: { ...responses[200], content: { ...responses[200].content, [CALENDAR_TYPE]: { schema: z.string() } } },
  };
}

const itemFeedPath = z.object({
  source: z.string().openapi({ example: "ukraine-talks" }),
  kind: z.string().openapi({ example: "meeting" }),
  file: z.string().regex(FEED_FILE).openapi({
    description: "The item's id and the format: `{id}.rss`, `{id}.atom`, `{id}.json` or `{id}.ics` (its calendar)",
    example: "london-talks-2025-04-23.rss",
  }),
});

const itemFeed = createRoute({
  method: "get",
  path: "/items/{source}/{kind}/{file}",
  tags: ["Feeds"],
  summary: "One item's changes, as RSS, Atom or JSON Feed; or the item as an iCalendar event",
  description:
    "`/feeds/items/{source}/{kind}/{id}.rss` (or `.atom`, `.json`), with the filters and `limit` of the changes feed; `.ics` is the item's calendar (one VEVENT).",
  request: { query: feedQuery, params: itemFeedPath },
  responses: withCalendar(
    feedResponses(["rss", "atom", "json"], "No such item, or a file not ending in .rss, .atom, .json or .ics"),
  ),
});

feedRoutes.openapi(itemFeed, async (c) => {
  const { source, kind } = c.req.valid("param");
  const file = splitFile(c.req.valid("param").file);
  if (file.format === "ics") return itemCalendar(c, source, kind, file.name);
  const { filter, limit } = splitListQuery(c.req.valid("query"));
  const tracked = isItemPath(source, kind, file.name) ? await catalogStub(c.env).item(source, kind, file.name) : null;
  if (!tracked) throw unknownItem({ source, kind, id: file.name });
  // The item's events through the item index, with the filters applied as in /feeds/changes.
  const page = await findEvents(c.env, { filter, scope: { source, item: `${kind}/${file.name}` }, limit });
  const title = `${tracked.item.title} — parley`;
  return respond(
    c,
    file.format,
    page,
    {
      title,
      description: `Changes to ${kind} "${file.name}" of source ${source}`,
      siteUrl: boardLink(baseUrl(c), { source, item: { kind, id: file.name } }),
    },
    file.name,
  );
});

const iconRoute = createRoute({
  method: "get",
  path: "/icon.png",
  tags: ["Feeds"],
  summary: "The feeds' icon (a small PNG, served by parley itself)",
  responses: { 200: { description: "The icon", content: { "image/png": { schema: z.string() } } } },
});

feedRoutes.openapi(iconRoute, (c) =>
  c.body(feedIconPng(), 200, { "Content-Type": "image/png", "Cache-Control": "public, max-age=86400" }),
);
