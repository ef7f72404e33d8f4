/**
 * JSON Feed 1.1 rendering of change events (https://jsonfeed.org/version/1.1):
 * one item per event, id = event id, with the whole event under the `_parley`
 * extension. Events are written in the order given (callers pass newest first).
 */
import type { ChangeEvent } from "../events/event.ts";
import { entryTitle } from "./entry-title.ts";
import { eventBody } from "./event-body.ts";
import { eventCategories, eventLink } from "./event-link.ts";
import { atomDate } from "./feed-dates.ts";
import { entrySource, type FeedMeta, publishedAt } from "./feed-meta.ts";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

export interface JsonFeedItem {
  id: string;
  url?: string;
  title: string;
  content_html: string;
  content_text: string;
  date_published: string;
  date_modified: string;
  authors: { name: string; url?: string }[];
  tags: string[];
  _parley: ChangeEvent;
}

export interface JsonFeed {
  version: typeof JSON_FEED_VERSION;
  title: string;
  home_page_url: string;
  feed_url: string;
  description?: string;
  hubs?: { type: string; url: string }[];
  icon?: string;
  favicon?: string;
  language?: string;
  items: JsonFeedItem[];
}

function jsonItem(event: ChangeEvent, meta: FeedMeta, i: number): JsonFeedItem {
  const link = eventLink(event, meta.baseUrl);
  const source = entrySource(meta, event, "json");
  const body = eventBody(event, { link, sourceName: source.name });
  const { kinds, tags } = eventCategories(event);
  // When parley published the entry; when the change happened is in the body and `_parley`.
  const published = atomDate(publishedAt(meta, event, i));
  return {
    id: event.id,
    url: link,
    title: entryTitle(event),
    content_html: body.html,
    content_text: body.text,
    date_published: published,
    date_modified: published,
    authors: [source.feedUrl === undefined ? { name: source.name } : { name: source.name, url: source.feedUrl }],
    tags: [...kinds, ...tags],
    _parley: event,
  };
}

export function jsonFeed(events: readonly ChangeEvent[], meta: FeedMeta): JsonFeed {
  return {
    version: JSON_FEED_VERSION,
    title: meta.title,
    home_page_url: meta.siteUrl,
    feed_url: meta.selfUrl,
    description: meta.description === "" ? undefined : meta.description,
    hubs: meta.hubs?.length ? meta.hubs.map((url) => ({ type: "WebSub", url })) : undefined,
    icon: meta.iconUrl,
    favicon: meta.iconUrl,
    language: meta.language,
    items: events.map((e, i) => jsonItem(e, meta, i)),
  };
}

/** The feed as `application/feed+json` text. */
export function renderJsonFeed(events: readonly ChangeEvent[], meta: FeedMeta): string {
  return JSON.stringify(jsonFeed(events, meta));
}
