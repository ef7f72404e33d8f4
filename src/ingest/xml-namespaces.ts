/**
 * XML namespace scopes: which URI each prefix means at a given element, and
 * the base URI in force there (`xml:base`, else the document's own URL).
 * Prefixes are the document's choice (`pu` is only conventional), so elements
 * are always matched by (namespace URI, local name), never by prefix.
 */

/** The update-feed extension namespace. */
export const PARLEY_NS = "urn:parley:update:1";
export const ATOM_NS = "http://www.w3.org/2005/Atom";
export const XML_NS = "http://www.w3.org/XML/1998/namespace";

/**
 * Prefix (`""` for the default namespace) → namespace URI (`""` for none);
 * plus, under BASE (a key no prefix can spell), the base URI when one is known.
 */
export type NamespaceScope = ReadonlyMap<string, string>;

const BASE = "\u0000base";

/** In force before any declaration: no default namespace, and the reserved `xml` prefix. */
const INITIAL_SCOPE: NamespaceScope = new Map([
  ["", ""],
  ["xml", XML_NS],
]);

/** The initial scope of a document fetched from `documentUrl` (relative references resolve against it). */
export function documentScope(documentUrl: string | undefined): NamespaceScope {
  if (documentUrl === undefined || !URL.canParse(documentUrl)) return INITIAL_SCOPE;
  return new Map(INITIAL_SCOPE).set(BASE, documentUrl);
}

/**
 * A URI reference as the document means it: an absolute one as written; a
 * relative one resolved against the base in scope (RFC 3986, as `xml:base`
 * and RFC 4287 §3.3 ask); a relative one with no base known, as written
 * (the url check then refuses it with a clear error).
 */
export function resolveReference(value: string, scope: NamespaceScope): string {
  const base = scope.get(BASE);
  if (base === undefined || value === "" || URL.canParse(value)) return value;
  return URL.canParse(value, base) ? new URL(value, base).href : value;
}

/**
 * The scope inside an element, given the scope around it and the element's
 * attributes (named with `attrPrefix`, e.g. `@_xmlns:pu`, `@_xml:base`).
 * Returns the same scope object when the element declares nothing.
 */
export function enterScope(
  outer: NamespaceScope,
  attrs: Readonly<Record<string, unknown>> | undefined,
  attrPrefix: string,
): NamespaceScope {
  if (attrs === undefined) return outer;
  let inner: Map<string, string> | undefined;
  const xmlns = `${attrPrefix}xmlns`;
  for (const key of Object.keys(attrs)) {
    if (key.length === attrPrefix.length + 8 && key.endsWith("xml:base")) {
      const value = attrs[key];
      if (typeof value !== "string") continue;
      const base = resolveReference(value.trim(), outer);
      // A relative xml:base with nothing to resolve it against sets no base.
      if (!URL.canParse(base)) continue;
      inner ??= new Map(outer);
      inner.set(BASE, base);
      continue;
    }
    if (!key.startsWith(xmlns)) continue;
    let prefix: string;
    if (key.length === xmlns.length) prefix = "";
    else if (key.charCodeAt(xmlns.length) === 58 /* : */) prefix = key.slice(xmlns.length + 1);
    else continue; // an attribute that merely starts with "xmlns", e.g. "xmlnsfoo"
    const value = attrs[key];
    inner ??= new Map(outer);
    inner.set(prefix, typeof value === "string" ? value : "");
  }
  return inner ?? outer;
}

export interface ExpandedName {
  /** Namespace URI, `""` for none. */
  ns: string;
  local: string;
}

/** The (namespace, local name) of a qualified element name, or null if its prefix is not declared. */
export function expandName(qname: string, scope: NamespaceScope): ExpandedName | null {
  const colon = qname.indexOf(":");
  if (colon < 0) return { ns: scope.get("") ?? "", local: qname };
  const ns = scope.get(qname.slice(0, colon));
  // `xmlns:p=""` (XML 1.1 un-declaration) leaves the prefix unusable too.
  if (ns === undefined || ns === "") return null;
  return { ns, local: qname.slice(colon + 1) };
}
