/**
 * RSS 2.0: one `<channel>` in the `<rss>` root, its `<item>`s the items.
 * `title`, `link`, `description`, `pubDate` and `category` fill what they can;
 * `pu:` elements carry the rest. RSS dates are RFC 822 and become RFC 3339 UTC.
 */
import { toUtcIso } from "../../time/instant.ts";
import { parseRfc822 } from "../../time/rfc822.ts";
import { DocumentError, type DocumentIssue, excerpt } from "../errors.ts";
import {
  type FeedMapping,
  type ItemPlace,
  invalid,
  itemIssue,
  looksLikeItem,
  PARLEY_NS,
  pushTo,
  type RawDocument,
  type RawRecord,
  readHeader,
  readParleyField,
  refuseConflict,
  setOnce,
  textOf,
} from "./fields.ts";
import { resolveReference, type XmlElement } from "./read-tree.ts";

/** RFC 822 (RSS) to RFC 3339 UTC; undefined when blank. */
function rssDate(value: string, issue: Omit<DocumentIssue, "message">, element: string): string | undefined {
  if (value === "") return undefined;
  const ms = parseRfc822(value);
  if (Number.isNaN(ms)) {
    const example = `"Fri, 18 Apr 2025 11:30:00 GMT"`;
    throw invalid({
      ...issue,
      message: `expected an RFC 822 date in <${element}>, e.g. ${example}, got ${excerpt(value)}`,
    });
  }
  return toUtcIso(ms);
}

function readItem(el: XmlElement, index: number): RawRecord {
  const item: RawRecord = {};
  const place: ItemPlace = { index, item };
  const dates: RawRecord = {};
  for (const child of el.children) {
    if (child.ns === PARLEY_NS) {
      readParleyField(place, child);
      continue;
    }
    if (child.ns !== "") continue;
    switch (child.local) {
      case "title":
        setOnce(item, "title", textOf(child), child, place);
        break;
      case "link":
        setOnce(item, "url", resolveReference(textOf(child), child.base), child, place);
        break;
      case "description":
        setOnce(item, "summary", textOf(child), child, place);
        break;
      case "pubDate":
        setOnce(dates, "updated_at", textOf(child), child, place);
        break;
      case "category":
        pushTo(item, "tags", textOf(child));
        break;
    }
  }
  refuseConflict(place);
  const pubDate = dates.updated_at as string | undefined;
  if (pubDate !== undefined) {
    const updated = rssDate(pubDate, itemIssue(place, "updated_at"), "pubDate");
    if (updated !== undefined) item.updated_at = updated;
  }
  return item;
}

function readChannel(doc: RawDocument, channel: XmlElement, strays: XmlElement[]): void {
  let lastBuildDate: string | undefined;
  for (const child of channel.children) {
    if (child.ns !== "") {
      if (child.ns === PARLEY_NS) readHeader(doc, child);
      if (looksLikeItem(child)) strays.push(child);
      continue;
    }
    switch (child.local) {
      case "title":
        if (!("title" in doc)) doc.title = textOf(child);
        break;
      case "link":
        if (!("link" in doc)) doc.link = resolveReference(textOf(child), child.base);
        break;
      case "lastBuildDate":
        lastBuildDate ??= textOf(child);
        break;
      default:
        if (looksLikeItem(child)) strays.push(child);
    }
  }
  if (lastBuildDate !== undefined) {
    const generated = rssDate(lastBuildDate, { field: "generated_at" }, "lastBuildDate");
    if (generated !== undefined) doc.generated_at = generated;
  }
}

/**
 * The document of an `<rss>` root. Elements that look like items but stand
 * where RSS has none (`<entry>`, an `<item>` outside the channel) go to `strays`.
 */
function readRss(root: XmlElement, items: RawRecord[], strays: XmlElement[]): RawDocument {
  const doc: RawDocument = { items };
  let channelSeen = false;
  for (const child of root.children) {
    if (child.ns !== "" || child.local !== "channel") {
      if (looksLikeItem(child)) strays.push(child);
      continue;
    }
    if (channelSeen) {
      throw new DocumentError("invalid_document", "an RSS document has exactly one <channel>; this one has several", [
        { message: "more than one <channel>" },
      ]);
    }
    channelSeen = true;
    readChannel(doc, child, strays);
  }
  if (!channelSeen) {
    throw new DocumentError("invalid_document", "expected a <channel> inside the RSS <rss> root", [
      { message: "required: <channel>" },
    ]);
  }
  return doc;
}

/** RSS 2.0: the `<item>`s (in no namespace) of the `<channel>` of the `<rss>` root. */
export const RSS: FeedMapping = {
  root: "<rss>",
  itemsAre: "an RSS document's items are the <item> elements (in no namespace) of its <channel>",
  isItem: (el, ancestors) =>
    ancestors.length === 2 &&
    el.local === "item" &&
    el.ns === "" &&
    ancestors[1].local === "channel" &&
    ancestors[1].ns === "" &&
    ancestors[0].local === "rss" &&
    ancestors[0].ns === "",
  readItem,
  readDocument: readRss,
};
