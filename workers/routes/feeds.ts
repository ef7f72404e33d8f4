/**
 * Feeds for readers: /feeds/changes.{rss,atom,json} (filterable) and
 * /feeds/items/{source}/{kind}/{id}.{rss,atom,json}. The ETag is computed from
 * the matching event keys before any event is read, so a 304 costs only a KV list.
 */
import { type Context, Hono } from "hono";
import type { ChangeEvent } from "../../src/events/event.ts";
import { matchesFilter } from "../../src/events/event-filter.ts";
import { detectedMsOfKey, eventKey, fullMeta } from "../../src/events/event-index.ts";
import { renderAtom } from "../../src/render/atom.ts";
import type { FeedMeta } from "../../src/render/feed-meta.ts";
import { renderJsonFeed } from "../../src/render/json-feed.ts";
import { renderRss } from "../../src/render/rss.ts";
import { toUtcIso } from "../../src/time/instant.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isNotModified, lastModified, strongEtag } from "../http/conditional.ts";
import { problem, validationProblem } from "../http/problem.ts";
import { parseListQuery } from "../http/query.ts";
import { findEventKeys, readEvents } from "../store/event-log.ts";
import { readItemSnapshot } from "../store/item-snapshot.ts";

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

/**
 * `changedMs`: when the feed's content last changed — the latest time one of
 * its events was written to the log (an event published late by a retry has
 * an older detection time than events already readable).
 */
async function respond(
  c: Context<AppEnv>,
  format: Format,
  keys: string[],
  changedMs: number | null,
  meta: Omit<FeedMeta, "updated" | "selfUrl" | "siteUrl" | "alternates">,
  name: string,
  pick: (events: ChangeEvent[]) => ChangeEvent[] = (events) => events,
) {
  const url = new URL(c.req.url);
  const etag = await strongEtag(format, url.host, url.pathname, url.search, ...keys);
  const newest = keys.length ? detectedMsOfKey(keys[0]) : null;
  const headers: Record<string, string> = { ETag: etag, "Cache-Control": CACHE_CONTROL, Vary: "Accept-Encoding" };
  const modified = lastModified(changedMs);
  if (modified !== null) headers["Last-Modified"] = modified;
  if (isNotModified(c.req.raw, etag, modified)) return c.body(null, 304, headers);
  const events: ChangeEvent[] = pick(await readEvents(c.env.PARLEY_KV, keys));
  const body = FORMATS[format].render(events, {
    ...meta,
    selfUrl: url.toString(),
    siteUrl: `${url.origin}/`,
    updated: newest !== null ? toUtcIso(newest) : "1970-01-01T00:00:00Z",
    alternates: alternates(url, name),
  });
  return c.body(body, 200, { ...headers, "Content-Type": FORMATS[format].type });
}

feedRoutes.get("/items/:source/:kind/:file", async (c) => {
  const { source, kind } = c.req.param();
  const file = splitFile(c.req.param("file"));
  if (!file) return problem(c, 404, "not_found", "item feeds end in .rss, .atom or .json");
  const q = parseListQuery(c.req.query());
  if (!q.ok) return validationProblem(c, "invalid query", q.issues);
  const snap = await readItemSnapshot(c.env.PARLEY_KV, source);
  const tracked = snap?.items.find((t) => t.item.kind === kind && t.item.id === file.name);
  if (!tracked) return problem(c, 404, "unknown_item", `no ${kind} "${file.name}" in source "${source}"`);
  // With filters, every history entry (at most MAX_HISTORY) is read and keyed for the ETag, and the
  // filters and the limit apply to the events read (the same parameters mean what they mean in
  // /feeds/changes); without, only the newest `limit` are.
  const { filter, limit } = q.value;
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const newestFirst = tracked.history.map(eventKey).sort();
  const keys = filtered ? newestFirst : newestFirst.slice(0, limit);
  const pick = filtered
    ? (events: ChangeEvent[]) => events.filter((e) => matchesFilter(fullMeta(e), filter)).slice(0, limit)
    : undefined;
  // The snapshot is written with (after) the events it lists: its time bounds when any of them was published.
  return respond(
    c,
    file.format,
    keys,
    keys.length && snap ? Date.parse(snap.updated_at) : null,
    { title: `${tracked.item.title} — parley`, description: `Changes to ${kind} "${file.name}" of source ${source}` },
    file.name,
    pick,
  );
});

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
  const page = await findEventKeys(c.env.PARLEY_KV, q.value.filter, q.value.limit);
  const described = Object.entries(q.value.filter)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : v}`)
    .join(" ");
  return respond(
    c,
    file.format,
    page.keys,
    page.publishedMs,
    {
      title: described ? `parley: changes (${described})` : "parley: changes",
      description: "Deadlines and meetings in negotiations: every change parley detected",
    },
    "changes",
  );
});
