/**
 * The XML encoding: an RSS 2.0 channel or an Atom 1.0 feed whose items carry
 * `urn:parley:update:1` extension elements, decoded into exactly the raw shape
 * of the JSON encoding, which parseDocument then validates.
 *
 * read-tree.ts reads the text (saxes: well-formedness, namespaces, references;
 * DTDs refused); this module picks the mapping by the root element (rss.ts,
 * atom.ts) and refuses what is not a feed: an HTML page, another root, a feed
 * whose items all stand where the format has none. Items keep document order,
 * so errors name the right item index.
 */
import { findIllegalCharacter, ILLEGAL_CHARACTER_RULE } from "../../text/xml-characters.ts";
import { DocumentError, shorten } from "../errors.ts";
import { readAtom } from "./atom.ts";
import { ATOM_NS, type RawDocument } from "./fields.ts";
import { forbiddenDtd, startOf, where } from "./read-state.ts";
import { readTree, type XmlElement } from "./read-tree.ts";
import { readRss } from "./rss.ts";

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
function refuseStrays(text: string, doc: RawDocument, strays: XmlElement[], format: "rss" | "atom"): void {
  if (doc.items.length > 0 || strays.length === 0) return;
  const first = strays[0];
  const root = format === "atom" ? "<feed>" : "<rss>";
  const expected =
    format === "atom"
      ? `an Atom feed's items are <entry> elements in the namespace ${ATOM_NS}`
      : "an RSS document's items are the <item> elements (in no namespace) of its <channel>";
  const at = `<${shorten(first.name)}> at ${where(text, startOf(text, first))}`;
  const holds =
    strays.length === 1
      ? `an element that looks like an item where items go (${at})`
      : `${strays.length} elements that look like items where items go (the first, ${at})`;
  const message =
    `no items read, but the ${root} holds ${holds}; ${expected}. ` +
    "Refused rather than read as a document without items (as a snapshot, it would remove every item)";
  throw new DocumentError("invalid_document", message, [{ field: "items", message }]);
}

/**
 * Decodes an RSS 2.0 or Atom 1.0 update feed into the JSON encoding's raw
 * document shape. `documentUrl` (a polled source's URL) is the base for
 * relative links where no `xml:base` gives one.
 */
export function decodeXml(text: string, documentUrl?: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") throw new DocumentError("malformed", "not well-formed XML: the document is empty");
  const illegal = findIllegalCharacter(body);
  if (illegal !== null) {
    throw new DocumentError(
      "malformed",
      `not well-formed XML: ${illegal.code} at ${where(body, illegal.index)} is not a character XML allows (${ILLEGAL_CHARACTER_RULE})`,
    );
  }
  const root = readTree(body, { documentUrl, vetRoot: vetRoot(body) });
  const strays: XmlElement[] = [];
  if (root.ns === "" && root.local === "rss") {
    const doc = readRss(root, strays);
    refuseStrays(body, doc, strays, "rss");
    return doc;
  }
  if (root.ns === ATOM_NS && root.local === "feed") {
    const doc = readAtom(root, strays);
    refuseStrays(body, doc, strays, "atom");
    return doc;
  }
  const hint =
    root.local === "feed" ? ` (an Atom <feed> must be in the namespace ${ATOM_NS})` : `, got <${shorten(root.name)}>`;
  throw notAFeed(`${WRONG_ROOT}${hint}`);
}
