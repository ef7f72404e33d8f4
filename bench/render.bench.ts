/**
 * Rendering 1,000 change events to RSS 2.0 and Atom 1.0: parley's renderers
 * (src/render/) against the `feed` package, from the same events. Both sides
 * build each entry's HTML body with eventBody, so the comparison is of the
 * feed construction and XML serialization. Goal: ≥ 2× the peer.
 */
import { Feed, type Item } from "feed";
import type { ChangeEvent } from "../src/events/event.ts";
import { atomEntryId, renderAtom } from "../src/render/atom.ts";
import { eventBody } from "../src/render/event-body.ts";
import { eventCategories, eventLink } from "../src/render/event-link.ts";
import { type FeedMeta, feedUpdated } from "../src/render/feed-meta.ts";
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
  });
  for (const e of events) {
    const body = eventBody(e);
    const { kinds, tags } = eventCategories(e);
    const item: Item = {
      title: e.summary,
      id: atom ? atomEntryId(e.id) : e.id,
      guid: e.id,
      link: eventLink(e) ?? meta.siteUrl,
      date: new Date(atom ? e.detected_at : e.occurred_at),
      published: new Date(e.occurred_at),
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
