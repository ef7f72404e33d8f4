/**
 * Atom 1.0 rendering of change events: one <entry> per event, id
 * `urn:parley:event:<event id>`, built with fast-xml-parser's XMLBuilder.
 * Events are written in the order given (callers pass newest first).
 */
import type { ChangeEvent } from "../events/event.ts";
import { entryTitle } from "./entry-title.ts";
import { eventBody } from "./event-body.ts";
import { eventCategories, eventLink } from "./event-link.ts";
import { atomDate } from "./feed-dates.ts";
import { entrySource, type FeedMeta, publishedAt } from "./feed-meta.ts";
import { KIND_CATEGORY_DOMAIN } from "./rss.ts";
import { XML_DECLARATION, xmlBuilder } from "./xml-builder.ts";

/** The Atom entry id of an event. */
export function atomEntryId(eventId: string): string {
  return `urn:parley:event:${eventId}`;
}

const ALTERNATE_TYPES = [
  ["rss", "application/rss+xml"],
  ["json", "application/feed+json"],
] as const;

function atomEntry(event: ChangeEvent, meta: FeedMeta, i: number): Record<string, unknown> {
  const { kinds, tags } = eventCategories(event);
  const category: unknown[] = [];
  for (const k of kinds) category.push({ "@_term": k, "@_scheme": KIND_CATEGORY_DOMAIN });
  for (const t of tags) category.push({ "@_term": t });
  const link = eventLink(event, meta.baseUrl);
  const source = entrySource(meta, event, "atom");
  const body = eventBody(event, { link, sourceName: source.name });
  // When parley published the entry (so readers sort it as new); it is not modified afterwards.
  const published = atomDate(publishedAt(meta, event, i));
  return {
    id: atomEntryId(event.id),
    // type="text" is Atom's default for title and summary, so it is not written.
    title: entryTitle(event),
    published,
    updated: published,
    author: { name: source.name },
    link: link === undefined ? undefined : { "@_rel": "alternate", "@_href": link },
    category,
    summary: body.text,
    content: { "@_type": "html", "#cdata": body.html },
    source:
      source.feedUrl === undefined
        ? undefined
        : { id: source.feedUrl, title: source.name, link: { "@_rel": "self", "@_href": source.feedUrl } },
  };
}

export function renderAtom(events: readonly ChangeEvent[], meta: FeedMeta): string {
  const links: unknown[] = [
    { "@_rel": "self", "@_type": "application/atom+xml", "@_href": meta.selfUrl },
    { "@_rel": "alternate", "@_type": "text/html", "@_href": meta.siteUrl },
  ];
  for (const hub of meta.hubs ?? []) links.push({ "@_rel": "hub", "@_href": hub });
  for (const [key, type] of ALTERNATE_TYPES) {
    const href = meta.alternates?.[key];
    if (href) links.push({ "@_rel": "alternate", "@_type": type, "@_href": href });
  }
  const entry = new Array<unknown>(events.length);
  for (let i = 0; i < events.length; i++) entry[i] = atomEntry(events[i], meta, i);
  return xmlBuilder.build({
    "?xml": XML_DECLARATION,
    feed: {
      "@_xmlns": "http://www.w3.org/2005/Atom",
      "@_xml:lang": meta.language,
      // The self URL is the feed's permanent, unique identity.
      id: meta.selfUrl,
      title: meta.title,
      subtitle: meta.description === "" ? undefined : meta.description,
      updated: atomDate(meta.updated),
      link: links,
      author: { name: "parley" },
      icon: meta.iconUrl,
      generator: "parley",
      entry,
    },
  });
}
