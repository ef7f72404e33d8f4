/**
 * The XML reader: saxes (a strict, namespace-aware XML 1.0 parser) turned
 * into a light element tree. saxes checks well-formedness in its one pass
 * (tags, attributes, references, comments, CDATA, `]]>`, the XML declaration),
 * resolves every element's namespace URI, decodes references and normalizes
 * line ends and attribute values (XML 1.0 §3.3.3), so the tree holds finished
 * values. Only the five predefined entities and character references exist:
 * a DOCTYPE with an internal subset (where entities would be declared) is
 * refused when it is met, and any other DOCTYPE when the root is known
 * (`vetRoot`), before anything inside the root is read.
 */
import { type SaxesAttributeNS, SaxesParser, type SaxesTagNS } from "saxes";
import { DocumentError } from "../errors.ts";
import { describeEnd } from "./end-errors.ts";
import { forbiddenDtd, type ReadState, type VetRoot } from "./read-state.ts";
import { describeSyntaxError } from "./syntax-errors.ts";

export interface XmlElement {
  /** Namespace URI, `""` for none. */
  readonly ns: string;
  readonly local: string;
  /** The name as written (`pu:kind`). */
  readonly name: string;
  /** By the name as written; namespaces resolved by saxes (`uri`), values decoded and normalized. */
  readonly attributes: Readonly<Record<string, SaxesAttributeNS>>;
  /** The child elements in order (NO_CHILDREN, shared, until the first one). */
  children: readonly XmlElement[];
  /** Character data directly inside (text and CDATA pieces in order), untrimmed. */
  text: string;
  /** Length of the parent's `text` when this element began: its place among the parent's text (deepText). */
  readonly textAt: number;
  /** The base URI in scope (the nearest `xml:base`, else the document's URL), if any. */
  readonly base: string | undefined;
  /**
   * Index just after the element's start tag in the document text. Where
   * the tag starts, and its line and column, are worked out only when an
   * error names them (`startOf`, `lineColumn` in read-state.ts), which keeps
   * reading cheap.
   */
  readonly end: number;
}

export interface ReadOptions {
  /** Where the document was fetched from: the base of relative references where no `xml:base` gives one. */
  documentUrl?: string;
  /**
   * Called with the root's name (once its start tag is read, before anything
   * inside it, or when saxes fails inside that tag) and the index of a
   * DOCTYPE met before it; throws a DocumentError to refuse the document.
   */
  vetRoot: VetRoot;
  /**
   * Offered each element (but the root) as it closes, with the elements
   * around it, outermost first: returning true takes it out of the tree (its
   * parent does not keep it). A mapping reads items as they end, and a large
   * document is never held whole.
   */
  take?(el: XmlElement, ancestors: readonly XmlElement[]): boolean;
  /**
   * The namespace URIs the caller compares elements' `ns` with: an element in
   * one of them carries that very string, so the comparison is by identity
   * (saxes gives a slice of the document, which V8 compares by content, and
   * that for every element).
   */
  namespaces?: readonly string[];
}

/** The children of every element without any: most elements are leaves, and need no array of their own. */
const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);

/** Deepest element nesting read (an update feed needs 5); deeper documents are refused plainly. */
export const MAX_DEPTH = 100;

/**
 * A URI reference as the document means it: an absolute one as written; a
 * relative one resolved against `base` (RFC 3986, as `xml:base` and RFC 4287
 * §3.3 ask); a relative one with no base, as written (the url check then
 * refuses it with a clear error).
 */
export function resolveReference(value: string, base: string | undefined): string {
  if (base === undefined || value === "" || URL.canParse(value)) return value;
  return URL.canParse(value, base) ? new URL(value, base).href : value;
}

/** What elements without attributes share (most have none: saxes's own object for them is not kept). */
const NO_ATTRIBUTES: Readonly<Record<string, SaxesAttributeNS>> = Object.freeze(Object.create(null));

/**
 * The attributes of a start tag that ends at `end`: a tag written `<name>` or
 * `<name/>` has none (no "<" can stand inside a tag, so the test is exact).
 */
function attributesOf(text: string, tag: SaxesTagNS, end: number): Readonly<Record<string, SaxesAttributeNS>> {
  const bare = text.charCodeAt(end - tag.name.length - (tag.isSelfClosing ? 3 : 2)) === 60; /* < */
  return bare ? NO_ATTRIBUTES : tag.attributes;
}

/** The base inside an element: its `xml:base` resolved against the one around it (a relative one with none sets none). */
function baseOf(attributes: Readonly<Record<string, SaxesAttributeNS>>, outer: string | undefined): string | undefined {
  if (attributes === NO_ATTRIBUTES) return outer;
  const attr = attributes["xml:base"];
  if (attr === undefined) return outer;
  const base = resolveReference(attr.value.trim(), outer);
  return URL.canParse(base) ? base : outer;
}

/**
 * Maps the namespace URIs saxes gives to the caller's own strings. saxes
 * gives every element in the scope of one declaration the same string, so
 * the last one seen is checked by identity first.
 */
function namespaceCanon(known: readonly string[]): (uri: string) => string {
  let lastUri = "";
  let lastNs = "";
  return (uri) => {
    if (uri === lastUri) return lastNs;
    if (uri === "") return uri;
    lastUri = uri;
    lastNs = known.find((ns) => ns === uri) ?? uri;
    return lastNs;
  };
}

function newElement(
  text: string,
  tag: SaxesTagNS,
  ns: string,
  end: number,
  parent: XmlElement | undefined,
  documentBase: string | undefined,
): XmlElement {
  const attributes = attributesOf(text, tag, end);
  return {
    ns,
    local: tag.local,
    name: tag.name,
    attributes,
    children: NO_CHILDREN,
    text: "",
    textAt: parent === undefined ? 0 : parent.text.length,
    base: baseOf(attributes, parent === undefined ? documentBase : parent.base),
    end,
  };
}

function tooDeep(): DocumentError {
  const message = `elements are nested more than ${MAX_DEPTH} levels deep; parley reads documents up to that depth`;
  return new DocumentError("invalid_document", message, [{ message: `nesting deeper than ${MAX_DEPTH} levels` }]);
}

const PARSER_OPTIONS = { xmlns: true, position: false, defaultXMLVersion: "1.0", forceXMLVersion: true } as const;
type Parser = SaxesParser<typeof PARSER_OPTIONS>;

/**
 * Reads `text` (one whole document) into its root element; throws a
 * DocumentError for anything not well-formed.
 *
 * Five handlers, set with `on`: V8 keeps saxes's parser object in fast mode
 * only up to six handlers added that way (a seventh turns it into a
 * dictionary and reading 10× slower), so what only errors need is worked
 * out afterwards from the text (syntax-errors.ts, end-errors.ts).
 */
export function readTree(text: string, options: ReadOptions): XmlElement {
  const parser: Parser = new SaxesParser(PARSER_OPTIONS);
  const url = options.documentUrl;
  const documentBase = url !== undefined && URL.canParse(url) ? url : undefined;
  const state: ReadState = {
    text,
    position: 0,
    mark: 0,
    open: [],
    closed: undefined,
    root: undefined,
    doctypeAt: undefined,
  };
  const open = state.open as XmlElement[];
  let top: XmlElement | undefined;
  const canon = namespaceCanon(options.namespaces ?? []);
  parser.on("doctype", (body: string) => {
    state.doctypeAt = text.lastIndexOf("<!DOCTYPE", parser.position);
    // An internal subset is where entities are declared: refused whatever the root.
    if (body.includes("[")) throw forbiddenDtd(text, state.doctypeAt);
    state.mark = parser.position;
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    if (open.length >= MAX_DEPTH) throw tooDeep();
    const parent = top;
    const el = newElement(text, tag, canon(tag.uri), parser.position, parent, documentBase);
    if (parent === undefined && state.root === undefined) {
      options.vetRoot(tag.name, state.doctypeAt);
      state.root = el;
    }
    open.push(el);
    top = el;
    state.mark = el.end;
  });
  parser.on("closetag", () => {
    const el = open.pop() as XmlElement;
    state.closed = el;
    top = open[open.length - 1];
    // A child joins its parent once complete, unless taken.
    if (top !== undefined && !options.take?.(el, open)) {
      if (top.children === NO_CHILDREN) top.children = [el];
      else (top.children as XmlElement[]).push(el);
    }
    state.mark = parser.position;
  });
  parser.on("text", (t: string) => {
    if (top !== undefined) top.text += t;
    state.mark = parser.position;
  });
  parser.on("cdata", (t: string) => {
    if (top !== undefined) top.text += t;
    state.mark = parser.position;
  });
  parse(parser, state, options.vetRoot);
  return state.root as XmlElement;
}

/** Runs saxes over the whole text, turning its errors into DocumentErrors with a position. */
function parse(parser: Parser, state: ReadState, vetRoot: VetRoot): void {
  try {
    parser.write(state.text);
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    state.position = parser.position;
    throw describeSyntaxError(state, (err as Error).message, vetRoot);
  }
  try {
    parser.close();
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    state.position = state.text.length;
    throw describeEnd(state, (err as Error).message, vetRoot);
  }
}

/** Character data of an element and of every element inside it, in document order (Atom `type="xhtml"`). */
export function deepText(el: XmlElement): string {
  if (el.children.length === 0) return el.text;
  let out = "";
  let from = 0;
  for (const child of el.children) {
    out += el.text.slice(from, child.textAt) + deepText(child);
    from = child.textAt;
  }
  return out + el.text.slice(from);
}
