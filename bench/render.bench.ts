/**
 * Rendering 1,000 change events to RSS 2.0 and Atom 1.0: parley's renderers
 * (src/render/) against the `feed` package, from the same events. Both sides
 * build each entry's HTML body with eventBody and its title with entryTitle
 * (and name its source and publication time alike), so the comparison is of
 * the feed construction and XML serialization. Goal: ≥ 2× the peer.
 */
import { Feed, type Item } from "feed";
import type { ChangeEvent } from "../src/events/event.ts";
import { atomEntryId, renderAtom } from "../src/render/atom.ts";
import { entryTitle } from "../src/render/entry-title.ts";
import { eventBody } from "../src/render/event-body.ts";
import { eventCategories, eventLink } from "../src/render/event-link.ts";
import { entrySource, type FeedMeta, feedUpdated, publishedAt } from "../src/render/feed-meta.ts";
import { KIND_CATEGORY_DOMAIN, renderRss } from "../src/render/rss.ts";
import { compare } from "./compare.ts";
import { makeEvents } from "./event-fixtures.ts";

function peerFeed(events: ChangeEvent[], meta: FeedMeta, atom: boolean): Feed {
  const feed = new Feed({
    id: meta.selfUrl,
    title: meta.title,
    description: meta.description,
    link: meta.siteUrl,
    updated: new Date(meta.updated),
    generator: "parley",
    feedLinks: atom ? { atom: meta.selfUrl } : { rss: meta.selfUrl },
    author: { name: "parley" },
    language: meta.language,
    image: meta.iconUrl,
  });
  for (const [i, e] of events.entries()) {
    const link = eventLink(e, meta.baseUrl);
    const source = entrySource(meta, e, atom ? "atom" : "rss");
    const body = eventBody(e, { link, sourceName: source.name });
    const { kinds, tags } = eventCategories(e);
    const published = new Date(publishedAt(meta, e, i));
    const item: Item = {
      title: entryTitle(e),
      id: atom ? atomEntryId(e.id) : e.id,
      guid: e.id,
      link: link ?? meta.siteUrl,
      date: published,
      published,
      author: [{ name: source.name }],
      description: atom ? body.text : body.html,
      content: atom ? body.html : undefined,
      category: [
        ...kinds.map((k) => ({ name: k, term: k, domain: KIND_CATEGORY_DOMAIN, scheme: KIND_CATEGORY_DOMAIN })),
        ...tags.map((t) => ({ name: t, term: t })),
      ],
    };
    feed.addItem(item);
  }
  return feed;
}

export default async function () {
  const events = makeEvents(1000);
  const meta = (format: string): FeedMeta => ({
    title: "parley: ukraine-talks",
    description: "Deadlines and meetings as they move",
    selfUrl: `https://parley.example/sources/ukraine-talks/feed.${format}`,
    siteUrl: "https://parley.example/sources/ukraine-talks",
    updated: feedUpdated(events),
    baseUrl: "https://parley.example",
    sourceNames: { "ukraine-talks": "Ukraine talks" },
    language: "en",
    iconUrl: "https://parley.example/feeds/icon.png",
    publishedMs: events.map((e) => Date.parse(e.detected_at) + 1000),
  });
  const rssMeta = meta("rss");
  const atomMeta = meta("atom");
  console.log(
    `output size, 1,000 events: rss ${renderRss(events, rssMeta).length} chars (feed: ${peerFeed(events, rssMeta, false).rss2().length}), atom ${renderAtom(events, atomMeta).length} chars (feed: ${peerFeed(events, atomMeta, true).atom1().length})`,
  );
  await compare({
    title: "RSS 2.0, 1,000 events",
    ours: { name: "parley renderRss", fn: () => renderRss(events, rssMeta) },
    peer: { name: "feed rss2()", fn: () => peerFeed(events, rssMeta, false).rss2() },
    goal: "≥ 2× the peer",
  });
  await compare({
    title: "Atom 1.0, 1,000 events",
    ours: { name: "parley renderAtom", fn: () => renderAtom(events, atomMeta) },
    peer: { name: "feed atom1()", fn: () => peerFeed(events, atomMeta, true).atom1() },
    goal: "≥ 2× the peer",
  });
}
