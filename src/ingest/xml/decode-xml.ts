/**
 * The XML encoding: an RSS 2.0 channel or an Atom 1.0 feed whose items carry
 * `urn:parley:update:1` extension elements, decoded into exactly the raw shape
 * of the JSON encoding, which parseDocument then validates.
 *
 * read-tree.ts reads the text (saxes: well-formedness, namespaces, references;
 * DTDs refused); this module picks the mapping by the root element (rss.ts,
 * atom.ts), which reads each item as it closes and then the document around
 * them, and refuses what is not a feed: an HTML page, another root, a feed
 * whose items all stand where the format has none. Items keep document order,
 * so errors name the right item index.
 */
import { DocumentError, shorten } from "../errors.ts";
import { ATOM } from "./atom.ts";
import { ATOM_NS, type FeedMapping, PARLEY_NS, type RawDocument, type RawRecord } from "./fields.ts";
import { forbiddenDtd, refuseIllegalCharacter, startOf, where } from "./read-state.ts";
import { readTree, type XmlElement } from "./read-tree.ts";
import { RSS } from "./rss.ts";

/** The namespaces the mappings compare with (by identity, once the tree reader hands over these strings). */
const NAMESPACES = [PARLEY_NS, ATOM_NS];

const SURROGATE = /[\uD800-\uDFFF]/;

const WRONG_ROOT = "expected an RSS 2.0 <rss> or Atom <feed> root";

function notAFeed(message: string): DocumentError {
  return new DocumentError("invalid_document", message, [{ message }]);
}

/**
 * The root check, at the root's start tag: an `rss` or `feed` root is read
 * (its namespace is checked once known), unless a DOCTYPE came before it; any
 * other root (`<html>` of a web page, RSS 1.0's `<rdf:RDF>`) is not a feed,
 * whether or not it has a DOCTYPE.
 */
function vetRoot(text: string) {
  return (name: string, doctypeAt: number | undefined): void => {
    const local = name.slice(name.indexOf(":") + 1);
    if (local === "rss" || local === "feed") {
      if (doctypeAt !== undefined) throw forbiddenDtd(text, doctypeAt);
      return;
    }
    const page = local.toLowerCase() === "html" ? " (a web page)" : "";
    throw notAFeed(`not a feed: the root element is <${shorten(name)}>${page}; ${WRONG_ROOT}`);
  };
}

/** Refuses a document that gave no items while holding item-like elements where the format has none. */
function refuseStrays(text: string, doc: RawDocument, strays: XmlElement[], mapping: FeedMapping): void {
  if (doc.items.length > 0 || strays.length === 0) return;
  const first = strays[0];
  const at = `<${shorten(first.name)}> at ${where(text, startOf(text, first))}`;
  const holds =
    strays.length === 1
      ? `an element that looks like an item where items go (${at})`
      : `${strays.length} elements that look like items where items go (the first, ${at})`;
  const message =
    `no items read, but the ${mapping.root} holds ${holds}; ${mapping.itemsAre}. ` +
    "Refused rather than read as a document without items (as a snapshot, it would remove every item)";
  throw new DocumentError("invalid_document", message, [{ field: "items", message }]);
}

/** The mapping of a root element: RSS 2.0's `<rss>` in no namespace, Atom's `<feed>` in its namespace. */
function mappingOf(root: XmlElement): FeedMapping | undefined {
  if (root.ns === "" && root.local === "rss") return RSS;
  if (root.ns === ATOM_NS && root.local === "feed") return ATOM;
  return undefined;
}

/**
 * Reads the items as the tree reader closes them, so the tree never holds
 * them all. A problem in an item is raised only once the whole text has
 * been read: a document that is not well-formed is reported as such first.
 */
function itemReader() {
  const items: RawRecord[] = [];
  let mapping: FeedMapping | undefined;
  let failure: DocumentError | undefined;
  const take = (el: XmlElement, ancestors: readonly XmlElement[]): boolean => {
    mapping ??= mappingOf(ancestors[0]);
    if (mapping === undefined || !mapping.isItem(el, ancestors)) return false;
    if (failure !== undefined) return true;
    try {
      items.push(mapping.readItem(el, items.length));
    } catch (err) {
      if (!(err instanceof DocumentError)) throw err;
      failure = err;
    }
    return true;
  };
  const done = (): RawRecord[] => {
    if (failure !== undefined) throw failure;
    return items;
  };
  return { take, done };
}

/**
 * Decodes an RSS 2.0 or Atom 1.0 update feed into the JSON encoding's raw
 * document shape. `documentUrl` (a polled source's URL) is the base for
 * relative links where no `xml:base` gives one.
 */
export function decodeXml(text: string, documentUrl?: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") throw new DocumentError("malformed", "not well-formed XML: the document is empty");
  // saxes refuses every character outside XML's rule but a lone high
  // surrogate, which it reads as half of a pair: only a text with surrogates
  // (never one held in one byte per character) needs a look of its own.
  if (SURROGATE.test(body)) refuseIllegalCharacter(body);
  const reader = itemReader();
  const root = readTree(body, { documentUrl, vetRoot: vetRoot(body), take: reader.take, namespaces: NAMESPACES });
  const items = reader.done();
  const mapping = mappingOf(root);
  if (mapping === undefined) {
    const hint =
      root.local === "feed" ? ` (an Atom <feed> must be in the namespace ${ATOM_NS})` : `, got <${shorten(root.name)}>`;
    throw notAFeed(`${WRONG_ROOT}${hint}`);
  }
  const strays: XmlElement[] = [];
  const doc = mapping.readDocument(root, items, strays);
  refuseStrays(body, doc, strays, mapping);
  return doc;
}
