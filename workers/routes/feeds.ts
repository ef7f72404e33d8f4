/**
 * Feeds for readers: /feeds/changes.{rss,atom,json} (filterable) and
 * /feeds/items/{source}/{kind}/{id}.{rss,atom,json}. One catalog request per
 * read, through the filter's index: the ETag covers the matching event keys,
 * so a 304 and a 200 cost the same bounded read whatever the log's size.
 */
import { type Context, Hono } from "hono";
import { renderAtom } from "../../src/render/atom.ts";
import { boardLink } from "../../src/render/event-link.ts";
import { FEED_ICON_PATH, feedIconPng } from "../../src/render/feed-icon.ts";
import type { FeedMeta } from "../../src/render/feed-meta.ts";
import { renderJsonFeed } from "../../src/render/json-feed.ts";
import { renderRss } from "../../src/render/rss.ts";
import { toUtcIso } from "../../src/time/instant.ts";
import type { EventPageResult } from "../catalog/catalog-types.ts";
import { catalogStub } from "../catalog-stub.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isNotModified, lastModified, strongEtag } from "../http/conditional.ts";
import { isItemPath } from "../http/path-params.ts";
import { excerpt, problem, validationProblem } from "../http/problem.ts";
import { parseListQuery } from "../http/query.ts";
import { findEvents } from "../store/event-log.ts";
export const feedRoutes = new Hono<AppEnv>();

const FORMATS = {
  rss: { type: "application/rss+xml; charset=utf-8", render: renderRss },
  atom: { type: "application/atom+xml; charset=utf-8", render: renderAtom },
  json: { type: "application/feed+json; charset=utf-8", render: renderJsonFeed },
} as const;
type Format = keyof typeof FORMATS;

const CACHE_CONTROL = "public, max-age=60";

function splitFile(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(rss|atom|json)$/.exec(file);
  return m ? { name: m[1], format: m[2] as Format } : null;
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
  const url = new URL(c.req.url);
  const base = baseUrl(c);
  const etag = await strongEtag(format, url.host, url.pathname, url.search, ...page.keys);
  const headers: Record<string, string> = { ETag: etag, "Cache-Control": CACHE_CONTROL, Vary: "Accept-Encoding" };
  // When the feed's content last changed: the latest time one of its events was written to the log
  // (an event published late by a retry has an older detection time than events already readable).
  const modified = lastModified(page.publishedMs);
  if (modified !== null) headers["Last-Modified"] = modified;
  if (isNotModified(c.req.raw, etag, modified)) return c.body(null, 304, headers);
  const body = FORMATS[format].render(page.events, {
    ...meta,
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

feedRoutes.get("/items/:source/:kind/:file", async (c) => {
  const { source, kind } = c.req.param();
  const file = splitFile(c.req.param("file"));
  if (!file) return problem(c, 404, "not_found", "item feeds end in .rss, .atom or .json");
  const q = parseListQuery(c.req.query());
  if (!q.ok) return validationProblem(c, "invalid query", q.issues);
  const tracked = isItemPath(source, kind, file.name) ? await catalogStub(c.env).item(source, kind, file.name) : null;
  if (!tracked)
    return problem(c, 404, "unknown_item", `no ${excerpt(kind)} ${excerpt(file.name)} in source ${excerpt(source)}`);
  // The item's events through the item index, with the filters applied as in /feeds/changes.
  const page = await findEvents(c.env, {
    filter: q.value.filter,
    scope: { source, item: `${kind}/${file.name}` },
    limit: q.value.limit,
  });
  return respond(
    c,
    file.format,
    page,
    {
      title: `${tracked.item.title} — parley`,
      description: `Changes to ${kind} "${file.name}" of source ${source}`,
      siteUrl: boardLink(baseUrl(c), { source, item: { kind, id: file.name } }),
    },
    file.name,
  );
});

feedRoutes.get("/icon.png", (c) =>
  c.body(feedIconPng(), 200, { "Content-Type": "image/png", "Cache-Control": "public, max-age=86400" }),
);

feedRoutes.get("/:file", async (c) => {
  const file = splitFile(c.req.param("file"));
  if (file?.name !== "changes") {
    return problem(
      c,
      404,
      "not_found",
      "feeds: /feeds/changes.rss, .atom, .json or /feeds/items/{source}/{kind}/{id}.rss",
    );
  }
  const q = parseListQuery(c.req.query());
  if (!q.ok) return validationProblem(c, "invalid query", q.issues);
  const page = await findEvents(c.env, { filter: q.value.filter, limit: q.value.limit });
  const described = Object.entries(q.value.filter)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : v}`)
    .join(" ");
  return respond(
    c,
    file.format,
    page,
    {
      title: described ? `parley: changes (${described})` : "parley: changes",
      description: "Deadlines and meetings in negotiations: every change parley detected",
    },
    "changes",
  );
});
