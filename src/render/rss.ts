/**
 * RSS 2.0 rendering of change events: one <item> per event, guid = event id
 * (isPermaLink="false"), built with fast-xml-parser's XMLBuilder.
 * Events are written in the order given (callers pass newest first).
 */
import type { ChangeEvent } from "../events/event.ts";
import { entryTitle } from "./entry-title.ts";
import { eventBodyHtml } from "./event-body.ts";
import { eventCategories, eventLink } from "./event-link.ts";
import { rssDate } from "./feed-dates.ts";
import { entrySource, type FeedMeta, publishedAt } from "./feed-meta.ts";
import { XML_DECLARATION, xmlBuilder } from "./xml-builder.ts";

/** The `domain` of the <category> elements that carry an event kind (item tags have none). */
export const KIND_CATEGORY_DOMAIN = "urn:parley:kind";

const ALTERNATE_TYPES = [
  ["atom", "application/atom+xml"],
  ["json", "application/feed+json"],
] as const;

function rssItem(event: ChangeEvent, meta: FeedMeta, i: number): Record<string, unknown> {
  const { kinds, tags } = eventCategories(event);
  const link = eventLink(event, meta.baseUrl);
  const source = entrySource(meta, event, "rss");
  const category: unknown[] = [];
  for (const k of kinds) category.push({ "@_domain": KIND_CATEGORY_DOMAIN, "#text": k });
  for (const t of tags) category.push(t);
  return {
    title: entryTitle(event),
    link,
    // The body is HTML whose every piece is already escaped (event-body.ts): carried as CDATA
    // (fast-xml-parser splits any "]]>"), not escaped a second time.
    description: { "#cdata": eventBodyHtml(event, { link, sourceName: source.name }) },
    guid: { "@_isPermaLink": "false", "#text": event.id },
    // When parley published the entry, so readers sort late-detected changes as new.
    pubDate: rssDate(publishedAt(meta, event, i)),
    category,
    // RSS 2.0 requires <source>'s url: parley's feed of that source alone.
    source: source.feedUrl === undefined ? undefined : { "@_url": source.feedUrl, "#text": source.name },
  };
}

export function renderRss(events: readonly ChangeEvent[], meta: FeedMeta): string {
  const atomLinks: unknown[] = [{ "@_href": meta.selfUrl, "@_rel": "self", "@_type": "application/rss+xml" }];
  for (const hub of meta.hubs ?? []) atomLinks.push({ "@_href": hub, "@_rel": "hub" });
  for (const [key, type] of ALTERNATE_TYPES) {
    const href = meta.alternates?.[key];
    if (href) atomLinks.push({ "@_href": href, "@_rel": "alternate", "@_type": type });
  }
  const item = new Array<unknown>(events.length);
  for (let i = 0; i < events.length; i++) item[i] = rssItem(events[i], meta, i);
  return xmlBuilder.build({
    "?xml": XML_DECLARATION,
    rss: {
      "@_version": "2.0",
      "@_xmlns:atom": "http://www.w3.org/2005/Atom",
      channel: {
        title: meta.title,
        link: meta.siteUrl,
        description: meta.description,
        language: meta.language,
        image: meta.iconUrl === undefined ? undefined : { url: meta.iconUrl, title: meta.title, link: meta.siteUrl },
        "atom:link": atomLinks,
        lastBuildDate: rssDate(meta.updated),
        generator: "parley",
        item,
      },
    },
  });
}
