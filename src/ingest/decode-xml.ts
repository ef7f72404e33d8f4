/**
 * The XML encoding: an RSS 2.0 channel or an Atom 1.0 feed whose items carry
 * `urn:parley:update:1` extension elements, decoded into exactly the raw
 * shape of the JSON encoding, which parseDocument then validates.
 *
 * Safety: scanMarkup refuses DTDs and entity declarations before anything
 * parses the text, so only the five predefined entities and numeric character
 * references can occur; the parser leaves them alone and this module decodes
 * them itself. Elements are matched by (namespace URI, local name), never by
 * prefix. Items keep document order, so errors name the right item index.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { findIllegalCharacter, ILLEGAL_CHARACTER_RULE } from "../text/xml-characters.ts";
import { toUtcIso } from "../time/instant.ts";
import { parseRfc822 } from "../time/rfc822.ts";
import { DocumentError, type DocumentIssue, describeIssue } from "./errors.ts";
import { htmlToText } from "./html-text.ts";
import { lineColumn, scanMarkup } from "./xml-markup-scan.ts";
import {
  ATOM_NS,
  documentScope,
  enterScope,
  expandName,
  type NamespaceScope,
  PARLEY_NS,
  resolveReference,
} from "./xml-namespaces.ts";

const ATTR = "@_";
const ATTRS = ":@";
const TEXT = "#text";
const CDATA = "#cdata";

/** One node of fast-xml-parser's `preserveOrder` output: `{ [name]: children, ":@"?: attributes }`. */
type XmlNode = Record<string, unknown>;
type Attributes = Record<string, string>;

/** Deepest element nesting read (fast-xml-parser's guard against stack exhaustion; an update feed needs 5). */
const MAX_DEPTH = 100;

/** The fast-xml-parser settings of the decoder (exported for the parse bench, which times the parser alone). */
export const XML_PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  removeNSPrefix: false,
  // References are decoded here (decodeReferences), after scanMarkup has vetted them.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Trimmed per element after joining text and CDATA pieces, so inner spaces survive.
  trimValues: false,
  cdataPropName: CDATA,
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  jPath: false,
  maxNestedTags: MAX_DEPTH,
} as const;

const parser = new XMLParser(XML_PARSER_OPTIONS);

const PREDEFINED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/g;

function decodeReferences(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(REFERENCE, (_m, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
    name !== undefined ? PREDEFINED[name] : String.fromCodePoint(Number.parseInt(dec ?? hex ?? "", dec ? 10 : 16)),
  );
}

/** The element name of a node, or undefined for text/CDATA. */
function nameOf(node: XmlNode): string | undefined {
  for (const key in node) {
    if (key !== ATTRS) return key === TEXT || key === CDATA ? undefined : key;
  }
  return undefined;
}

function childrenOf(node: XmlNode, name: string): XmlNode[] {
  return node[name] as XmlNode[];
}

/** Attribute objects whose references are already decoded: decoding twice would turn `&amp;amp;` into `&`. */
const decodedAttributes = new WeakSet<Attributes>();

const ATTRIBUTE_WHITESPACE = /\r\n|[\t\n\r]/g;

/**
 * Attributes as XML 1.0 §3.3.3 gives them (in place, once: the tree is ours):
 * literal tabs and line ends become spaces, then references are decoded (so
 * `&#9;` stays a tab). A "<" in a value is not well-formed; fast-xml-parser's
 * validator lets it pass, so it is refused here for every element read.
 */
function attributesOf(node: XmlNode): Attributes | undefined {
  const attrs = node[ATTRS] as Attributes | undefined;
  if (attrs === undefined || decodedAttributes.has(attrs)) return attrs;
  decodedAttributes.add(attrs);
  for (const key in attrs) {
    let v = attrs[key];
    if (typeof v !== "string") continue;
    if (v.indexOf("<") >= 0) {
      throw new DocumentError(
        "malformed",
        `not well-formed XML: "<" in the value of attribute ${key.slice(ATTR.length)}="${v}" (write &lt;)`,
      );
    }
    ATTRIBUTE_WHITESPACE.lastIndex = 0;
    if (ATTRIBUTE_WHITESPACE.test(v)) v = v.replace(ATTRIBUTE_WHITESPACE, " ");
    if (v.indexOf("&") >= 0) v = decodeReferences(v);
    attrs[key] = v;
  }
  return attrs;
}

function attribute(attrs: Attributes | undefined, name: string): string | undefined {
  const v = attrs?.[ATTR + name];
  return typeof v === "string" ? v : undefined;
}

/** Character data of an element (text and CDATA; with `deep`, of descendants too), trimmed. */
function textOf(children: XmlNode[], deep = false): string {
  let out = "";
  for (const child of children) {
    const t = child[TEXT];
    if (t !== undefined) {
      out += decodeReferences(String(t));
      continue;
    }
    const c = child[CDATA] as XmlNode[] | undefined;
    if (c !== undefined) {
      for (const piece of c) if (piece[TEXT] !== undefined) out += String(piece[TEXT]);
      continue;
    }
    if (deep) {
      const name = nameOf(child);
      if (name !== undefined) out += textOf(childrenOf(child, name), true);
    }
  }
  return out.trim();
}

/** Visits each child element with its namespace URI and local name. */
function eachElement(
  children: XmlNode[],
  scope: NamespaceScope,
  visit: (ns: string, local: string, node: XmlNode, kids: XmlNode[], scope: NamespaceScope) => void,
): void {
  for (const child of children) {
    const qname = nameOf(child);
    if (qname === undefined) continue;
    const attrs = attributesOf(child);
    const inner = enterScope(scope, attrs, ATTR);
    const expanded = expandName(qname, inner);
    if (expanded === null) {
      throw new DocumentError(
        "malformed",
        `not well-formed XML: the prefix of <${qname}> is not bound to a namespace (no xmlns:${qname.slice(0, qname.indexOf(":"))} declaration in scope)`,
      );
    }
    visit(expanded.ns, expanded.local, child, childrenOf(child, qname), inner);
  }
}

/**
 * An Atom text construct (title, summary, content) as plain text: `type="html"`
 * holds escaped HTML, `type="xhtml"` markup; of both only the text is wanted.
 */
function atomText(node: XmlNode, kids: XmlNode[]): string {
  const type = attribute(attributesOf(node), "type")?.trim();
  if (type === "html") return htmlToText(textOf(kids));
  return textOf(kids, type === "xhtml");
}

/** RFC 4287 §4.2.7.2: `alternate` may also be written as its IANA URI. */
const ALTERNATE_URI = "http://www.iana.org/assignments/relation/alternate";

/**
 * Atom `link`: its href (resolved against the base in scope) when rel is
 * absent or `alternate`; an empty href is no link (a later one may be).
 */
function atomAlternate(node: XmlNode, scope: NamespaceScope): string | undefined {
  const attrs = attributesOf(node);
  const rel = attribute(attrs, "rel")?.trim();
  if (rel !== undefined && rel !== "alternate" && rel !== ALTERNATE_URI) return undefined;
  const href = attribute(attrs, "href")?.trim();
  return href === undefined || href === "" ? undefined : resolveReference(href, scope);
}

/** RFC 822 (RSS) to RFC 3339 UTC; undefined when blank. */
function rssDate(value: string, issue: Omit<DocumentIssue, "message">, element: string): string | undefined {
  if (value === "") return undefined;
  const ms = parseRfc822(value);
  if (Number.isNaN(ms)) {
    const full: DocumentIssue = {
      ...issue,
      message: `expected an RFC 822 date in <${element}>, e.g. "Fri, 18 Apr 2025 11:30:00 GMT", got ${JSON.stringify(value)}`,
    };
    throw new DocumentError("invalid_document", describeIssue(full), [full]);
  }
  return toUtcIso(ms);
}

/** The `pu:` fields that hold one value, by local name → JSON field. */
const PU_SINGLE: Readonly<Record<string, string>> = {
  kind: "kind",
  id: "id",
  timezone: "timezone",
  due: "due",
  "due-text": "due_text",
  status: "status",
  "set-by": "set_by",
  starts: "starts_at",
  ends: "ends_at",
  level: "level",
  outcome: "outcome",
};
/** Repeated `pu:` elements → JSON list field. */
const PU_LIST: Readonly<Record<string, string>> = { party: "parties", participant: "participants" };
const LOCATION_FIELDS: Readonly<Record<string, string>> = { city: "city", country: "country", venue: "venue" };

type RawRecord = Record<string, unknown>;

function pushTo(target: RawRecord, field: string, value: string): void {
  const list = target[field] as string[] | undefined;
  if (list === undefined) target[field] = [value];
  else list.push(value);
}

/**
 * An item being read: its index, its fields so far, and the first
 * single-valued element found repeated with another value, reported once the
 * whole item (and so its id, wherever it stands) has been read.
 */
interface ItemPlace {
  index: number;
  item: RawRecord;
  conflict?: { field: string; message: string };
}

function conflictError(place: ItemPlace | null, field: string, message: string): DocumentError {
  const id = place && typeof place.item.id === "string" && place.item.id !== "" ? place.item.id : undefined;
  const issue: DocumentIssue = {
    ...(place && { index: place.index }),
    ...(id !== undefined && { id }),
    field,
    message,
  };
  return new DocumentError("invalid_document", describeIssue(issue), [issue]);
}

/** Throws the item's repeated-element conflict, if reading it found one. */
function refuseConflict(place: ItemPlace): void {
  if (place.conflict !== undefined) throw conflictError(place, place.conflict.field, place.conflict.message);
}

/**
 * Sets a single-valued field. A repeat with the same value is harmless; a
 * repeat with another value is refused, naming both, rather than silently
 * keeping one of them (README: "Choices where the specs leave room").
 */
function setOnce(
  target: RawRecord,
  field: string,
  value: unknown,
  element: string,
  place: ItemPlace | null,
  reported = field,
): void {
  if (!(field in target)) {
    target[field] = value;
    return;
  }
  const before = target[field];
  if (before === value || JSON.stringify(before) === JSON.stringify(value)) return;
  const message = `<${element}> appears twice with different values (${JSON.stringify(before)} and ${JSON.stringify(value)}); it holds one value`;
  if (place === null) throw conflictError(null, reported, message);
  place.conflict ??= { field: reported, message };
}

function readLocation(kids: XmlNode[], scope: NamespaceScope, place: ItemPlace): RawRecord {
  const location: RawRecord = {};
  eachElement(kids, scope, (ns, local, _node, grandKids) => {
    if (ns !== PARLEY_NS) return;
    const field = LOCATION_FIELDS[local];
    if (field !== undefined) setOnce(location, field, textOf(grandKids), `pu:${local}`, place, `location.${field}`);
  });
  return location;
}

/** Reads a `pu:` element of an item into `item`. */
function readParleyField(place: ItemPlace, local: string, kids: XmlNode[], scope: NamespaceScope): void {
  const item = place.item;
  const single = PU_SINGLE[local];
  if (single !== undefined) {
    setOnce(item, single, textOf(kids), `pu:${local}`, place);
    return;
  }
  const list = PU_LIST[local];
  if (list !== undefined) {
    pushTo(item, list, textOf(kids));
    return;
  }
  if (local === "location") setOnce(item, "location", readLocation(kids, scope, place), "pu:location", place);
}

function itemIssue(index: number, item: RawRecord): Omit<DocumentIssue, "message"> {
  const id = typeof item.id === "string" && item.id !== "" ? item.id : undefined;
  return { index, ...(id !== undefined && { id }), field: "updated_at" };
}

function readRssItem(kids: XmlNode[], scope: NamespaceScope, index: number): RawRecord {
  const item: RawRecord = {};
  const place: ItemPlace = { index, item };
  const dates: RawRecord = {};
  eachElement(kids, scope, (ns, local, _node, grandKids, inner) => {
    if (ns === PARLEY_NS) {
      readParleyField(place, local, grandKids, inner);
      return;
    }
    if (ns !== "") return;
    switch (local) {
      case "title":
        setOnce(item, "title", textOf(grandKids), "title", place);
        break;
      case "link":
        setOnce(item, "url", resolveReference(textOf(grandKids), inner), "link", place);
        break;
      case "description":
        setOnce(item, "summary", textOf(grandKids), "description", place);
        break;
      case "pubDate":
        setOnce(dates, "updated_at", textOf(grandKids), "pubDate", place);
        break;
      case "category":
        pushTo(item, "tags", textOf(grandKids));
        break;
    }
  });
  refuseConflict(place);
  const pubDate = dates.updated_at as string | undefined;
  if (pubDate !== undefined) {
    const updated = rssDate(pubDate, itemIssue(index, item), "pubDate");
    if (updated !== undefined) item.updated_at = updated;
  }
  return item;
}

function readAtomEntry(kids: XmlNode[], scope: NamespaceScope, index: number): RawRecord {
  const item: RawRecord = {};
  const place: ItemPlace = { index, item };
  const content: RawRecord = {};
  eachElement(kids, scope, (ns, local, node, grandKids, inner) => {
    if (ns === PARLEY_NS) {
      readParleyField(place, local, grandKids, inner);
      return;
    }
    if (ns !== ATOM_NS) return;
    switch (local) {
      case "title":
        setOnce(item, "title", atomText(node, grandKids), "title", place);
        break;
      case "link":
        // Atom allows several alternates (by type or hreflang): the first is the item's url.
        if (!("url" in item)) {
          const href = atomAlternate(node, inner);
          if (href !== undefined) item.url = href;
        }
        break;
      case "summary":
        setOnce(item, "summary", atomText(node, grandKids), "summary", place);
        break;
      case "content":
        setOnce(content, "summary", atomText(node, grandKids), "content", place);
        break;
      case "updated":
        setOnce(item, "updated_at", textOf(grandKids), "updated", place);
        break;
      case "category": {
        const term = attribute(attributesOf(node), "term");
        if (term !== undefined) pushTo(item, "tags", term);
        break;
      }
    }
  });
  refuseConflict(place);
  if (!("summary" in item) && content.summary !== undefined) item.summary = content.summary;
  return item;
}

interface RawDocument extends RawRecord {
  items: RawRecord[];
}

function readHeader(doc: RawDocument, ns: string, local: string, kids: XmlNode[]): void {
  if (ns !== PARLEY_NS) return;
  if (local === "version" || local === "mode") setOnce(doc, local, textOf(kids), `pu:${local}`, null);
}

function readRss(rssKids: XmlNode[], rssScope: NamespaceScope): RawDocument {
  const doc: RawDocument = { items: [] };
  let channelSeen = false;
  eachElement(rssKids, rssScope, (ns, local, _node, kids, scope) => {
    if (ns !== "" || local !== "channel") return;
    if (channelSeen) {
      throw new DocumentError("invalid_document", "an RSS document has exactly one <channel>; this one has several", [
        { message: "more than one <channel>" },
      ]);
    }
    channelSeen = true;
    let lastBuildDate: string | undefined;
    eachElement(kids, scope, (cns, clocal, _cnode, ckids, cscope) => {
      if (cns === "") {
        if (clocal === "item") doc.items.push(readRssItem(ckids, cscope, doc.items.length));
        else if (clocal === "title" && !("title" in doc)) doc.title = textOf(ckids);
        else if (clocal === "link" && !("link" in doc)) doc.link = resolveReference(textOf(ckids), cscope);
        else if (clocal === "lastBuildDate") lastBuildDate ??= textOf(ckids);
      } else readHeader(doc, cns, clocal, ckids);
    });
    if (lastBuildDate !== undefined) {
      const generated = rssDate(lastBuildDate, { field: "generated_at" }, "lastBuildDate");
      if (generated !== undefined) doc.generated_at = generated;
    }
  });
  if (!channelSeen) {
    throw new DocumentError("invalid_document", "expected a <channel> inside the RSS <rss> root", [
      { message: "required: <channel>" },
    ]);
  }
  return doc;
}

function readAtom(feedKids: XmlNode[], feedScope: NamespaceScope): RawDocument {
  const doc: RawDocument = { items: [] };
  eachElement(feedKids, feedScope, (ns, local, node, kids, scope) => {
    if (ns === ATOM_NS) {
      if (local === "entry") doc.items.push(readAtomEntry(kids, scope, doc.items.length));
      else if (local === "title" && !("title" in doc)) doc.title = atomText(node, kids);
      else if (local === "link" && !("link" in doc)) {
        const href = atomAlternate(node, scope);
        if (href !== undefined) doc.link = href;
      } else if (local === "updated" && !("generated_at" in doc)) doc.generated_at = textOf(kids);
    } else readHeader(doc, ns, local, kids);
  });
  return doc;
}

function parseTree(text: string): XmlNode[] {
  if (text.trim() === "") throw new DocumentError("malformed", "not well-formed XML: the document is empty");
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const at =
      line !== undefined && col !== undefined
        ? ` (line ${line} column ${col})`
        : line !== undefined
          ? ` (line ${line})`
          : "";
    throw new DocumentError("malformed", `not well-formed XML: ${msg}${at}`);
  }
  try {
    return parser.parse(text) as XmlNode[];
  } catch (err) {
    const message = (err as Error).message;
    if (message.startsWith("[SECURITY]")) {
      throw new DocumentError(
        "forbidden_markup",
        `the document uses a reserved name (__proto__, constructor or prototype) as an element or attribute name: ${message}`,
      );
    }
    if (message.includes("Maximum nested tags exceeded")) {
      throw new DocumentError(
        "invalid_document",
        `elements are nested more than ${MAX_DEPTH} levels deep; parley reads documents up to that depth`,
        [{ message: `nesting deeper than ${MAX_DEPTH} levels` }],
      );
    }
    throw new DocumentError("malformed", `not well-formed XML: ${message}`);
  }
}

const WRONG_ROOT = "expected an RSS 2.0 <rss> or Atom <feed> root";

/**
 * Decodes an RSS 2.0 or Atom 1.0 update feed into the JSON encoding's raw
 * document shape. `documentUrl` (a polled source's URL) is the base for
 * relative links where no `xml:base` gives one.
 */
export function decodeXml(text: string, documentUrl?: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  scanMarkup(body);
  const illegal = findIllegalCharacter(body);
  if (illegal !== null) {
    const at = lineColumn(body, illegal.index);
    throw new DocumentError(
      "malformed",
      `not well-formed XML: ${illegal.code} at line ${at.line} column ${at.column} is not a character XML allows (${ILLEGAL_CHARACTER_RULE})`,
    );
  }
  const top = parseTree(body);
  let root: XmlNode | undefined;
  let rootName = "";
  for (const node of top) {
    const name = nameOf(node);
    if (name === undefined) continue;
    if (root !== undefined) {
      const at = lineColumn(body, body.lastIndexOf(`<${name}`));
      throw new DocumentError(
        "malformed",
        `not well-formed XML: a second root element <${name}> (line ${at.line} column ${at.column}); a document has exactly one`,
      );
    }
    root = node;
    rootName = name;
  }
  if (root === undefined) throw new DocumentError("malformed", `not well-formed XML: no root element; ${WRONG_ROOT}`);
  const scope = enterScope(documentScope(documentUrl), attributesOf(root), ATTR);
  const expanded = expandName(rootName, scope);
  const kids = childrenOf(root, rootName);
  if (expanded?.ns === "" && expanded.local === "rss") return readRss(kids, scope);
  if (expanded?.ns === ATOM_NS && expanded.local === "feed") return readAtom(kids, scope);
  const hint =
    expanded?.local === "feed" ? ` (an Atom <feed> must be in the namespace ${ATOM_NS})` : `, got <${rootName}>`;
  throw new DocumentError("invalid_document", `${WRONG_ROOT}${hint}`, [{ message: `${WRONG_ROOT}${hint}` }]);
}
