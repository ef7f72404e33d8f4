/**
 * Atom 1.0 (RFC 4287): the `<feed>` root's `<entry>`s are the items, all in
 * the Atom namespace. Text constructs (`title`, `summary`, `content`) are read
 * as plain text whatever their `type`; `link` gives the first alternate;
 * `category` its `term`; `updated` stays RFC 3339 as written.
 */
import { htmlToText } from "../html-text.ts";
import {
  ATOM_NS,
  attribute,
  type FeedMapping,
  type ItemPlace,
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
import { deepText, resolveReference, type XmlElement } from "./read-tree.ts";

/**
 * An Atom text construct as plain text: `type="html"` holds escaped HTML,
 * `type="xhtml"` markup; of both only the text is wanted.
 */
function atomText(el: XmlElement): string {
  const type = attribute(el, "type")?.trim();
  if (type === "html") return htmlToText(textOf(el));
  return type === "xhtml" ? deepText(el).trim() : textOf(el);
}

/** RFC 4287 §4.2.7.2: `alternate` may also be written as its IANA URI. */
const ALTERNATE_URI = "http://www.iana.org/assignments/relation/alternate";

/**
 * A `link`'s href (resolved against the base in scope) when rel is absent or
 * `alternate`; an empty href is no link (a later one may be).
 */
function alternateLink(el: XmlElement): string | undefined {
  const rel = attribute(el, "rel")?.trim();
  if (rel !== undefined && rel !== "alternate" && rel !== ALTERNATE_URI) return undefined;
  const href = attribute(el, "href")?.trim();
  return href === undefined || href === "" ? undefined : resolveReference(href, el.base);
}

function readAtomField(place: ItemPlace, content: RawRecord, child: XmlElement): void {
  const item = place.item;
  switch (child.local) {
    case "title":
      setOnce(item, "title", atomText(child), child, place);
      break;
    case "link":
      // Atom allows several alternates (by type or hreflang): the first is the item's url.
      if (!("url" in item)) {
        const href = alternateLink(child);
        if (href !== undefined) item.url = href;
      }
      break;
    case "summary":
      setOnce(item, "summary", atomText(child), child, place);
      break;
    case "content":
      setOnce(content, "summary", atomText(child), child, place);
      break;
    case "updated":
      setOnce(item, "updated_at", textOf(child), child, place);
      break;
    case "category": {
      const term = attribute(child, "term");
      if (term !== undefined) pushTo(item, "tags", term);
      break;
    }
  }
}

function readEntry(el: XmlElement, index: number): RawRecord {
  const item: RawRecord = {};
  const place: ItemPlace = { index, item };
  const content: RawRecord = {};
  for (const child of el.children) {
    if (child.ns === PARLEY_NS) readParleyField(place, child);
    else if (child.ns === ATOM_NS) readAtomField(place, content, child);
  }
  refuseConflict(place);
  if (!("summary" in item) && content.summary !== undefined) item.summary = content.summary;
  return item;
}

/**
 * The document of an Atom `<feed>` root. Elements that look like items but
 * are not Atom entries (an RSS `<item>`, an `<entry>` in no namespace) go to `strays`.
 */
function readAtom(root: XmlElement, items: RawRecord[], strays: XmlElement[]): RawDocument {
  const doc: RawDocument = { items };
  for (const child of root.children) {
    if (child.ns !== ATOM_NS) {
      readHeader(doc, child);
      if (looksLikeItem(child)) strays.push(child);
      continue;
    }
    switch (child.local) {
      case "title":
        if (!("title" in doc)) doc.title = atomText(child);
        break;
      case "link":
        if (!("link" in doc)) {
          const href = alternateLink(child);
          if (href !== undefined) doc.link = href;
        }
        break;
      case "updated":
        if (!("generated_at" in doc)) doc.generated_at = textOf(child);
        break;
      default:
        if (looksLikeItem(child)) strays.push(child);
    }
  }
  return doc;
}

/** Atom 1.0: the `<entry>`s of the `<feed>` root, all in the Atom namespace. */
export const ATOM: FeedMapping = {
  root: "<feed>",
  itemsAre: `an Atom feed's items are <entry> elements in the namespace ${ATOM_NS}`,
  isItem: (el, ancestors) =>
    ancestors.length === 1 &&
    el.local === "entry" &&
    el.ns === ATOM_NS &&
    ancestors[0].local === "feed" &&
    ancestors[0].ns === ATOM_NS,
  readItem: readEntry,
  readDocument: readAtom,
};
