/**
 * JSON Feed 1.1 rendering of change events (https://jsonfeed.org/version/1.1):
 * one item per event, id = event id, with the whole event under the `_parley`
 * extension. Events are written in the order given (callers pass newest first).
 */
import type { ChangeEvent } from "../events/event.ts";
import { eventBody } from "./event-body.ts";
import { eventCategories, eventLink } from "./event-link.ts";
import { atomDate } from "./feed-dates.ts";
import type { FeedMeta } from "./feed-meta.ts";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

export interface JsonFeedItem {
  id: string;
  url?: string;
  title: string;
  content_html: string;
  content_text: string;
  date_published: string;
  date_modified: string;
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
  items: JsonFeedItem[];
}

function jsonItem(event: ChangeEvent): JsonFeedItem {
  const body = eventBody(event);
  const { kinds, tags } = eventCategories(event);
  return {
    id: event.id,
    url: eventLink(event),
    title: event.summary,
    content_html: body.html,
    content_text: body.text,
    date_published: atomDate(event.occurred_at),
    date_modified: atomDate(event.detected_at),
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
    items: events.map(jsonItem),
  };
}

/** The feed as `application/feed+json` text. */
export function renderJsonFeed(events: readonly ChangeEvent[], meta: FeedMeta): string {
  return JSON.stringify(jsonFeed(events, meta));
}
