/**
 * What the RSS and Atom mappings share: the namespaces, element text, the
 * `pu:` extension elements of items and of the channel/feed, and the rule for
 * single-valued elements (repeated with another value, the document is
 * refused naming the item, id and field, rather than one value being kept).
 */
import { DocumentError, type DocumentIssue, describeIssue, excerpt } from "../errors.ts";
import type { XmlElement } from "./read-tree.ts";

/** The update-feed extension namespace. Elements are matched by namespace URI and local name, never by prefix. */
export const PARLEY_NS = "urn:parley:update:1";
export const ATOM_NS = "http://www.w3.org/2005/Atom";

export type RawRecord = Record<string, unknown>;

/** The raw shape of the JSON encoding, which parseDocument validates. */
export interface RawDocument extends RawRecord {
  items: RawRecord[];
}

/** An element's own character data (text and CDATA), trimmed. */
export function textOf(el: XmlElement): string {
  return el.text.trim();
}

/** An attribute in no namespace (as Atom's are), decoded and normalized. */
export function attribute(el: XmlElement, name: string): string | undefined {
  return el.attributes[name]?.value;
}

/**
 * The `pu:` fields that hold one value, by local name → JSON field. Maps, not
 * object literals: a local name such as `constructor` must find nothing.
 */
const PU_SINGLE: ReadonlyMap<string, string> = new Map([
  ["kind", "kind"],
  ["id", "id"],
  ["timezone", "timezone"],
  ["due", "due"],
  ["due-text", "due_text"],
  ["status", "status"],
  ["set-by", "set_by"],
  ["starts", "starts_at"],
  ["ends", "ends_at"],
  ["level", "level"],
  ["outcome", "outcome"],
]);
/** Repeated `pu:` elements → JSON list field. */
const PU_LIST: ReadonlyMap<string, string> = new Map([
  ["party", "parties"],
  ["participant", "participants"],
]);
const LOCATION_FIELDS: ReadonlyMap<string, string> = new Map([
  ["city", "city"],
  ["country", "country"],
  ["venue", "venue"],
]);

export function pushTo(target: RawRecord, field: string, value: string): void {
  const list = target[field] as string[] | undefined;
  if (list === undefined) target[field] = [value];
  else list.push(value);
}

/**
 * An item being read: its index, its fields so far, and the first
 * single-valued element found repeated with another value, reported once the
 * whole item (and so its id, wherever it stands) has been read.
 */
export interface ItemPlace {
  index: number;
  item: RawRecord;
  conflict?: { field: string; message: string };
}

/** Where an issue of an item stands: its index, its id when read, the field. */
export function itemIssue(place: ItemPlace | null, field: string): Omit<DocumentIssue, "message"> {
  if (place === null) return { field };
  const id = place.item.id;
  return { index: place.index, ...(typeof id === "string" && id !== "" && { id }), field };
}

export function invalid(issue: DocumentIssue): DocumentError {
  return new DocumentError("invalid_document", describeIssue(issue), [issue]);
}

/** Throws the item's repeated-element conflict, if reading it found one. */
export function refuseConflict(place: ItemPlace): void {
  if (place.conflict !== undefined) {
    throw invalid({ ...itemIssue(place, place.conflict.field), message: place.conflict.message });
  }
}

/** An element as messages name it: `pu:` elements with the conventional prefix, whatever the document's. */
function label(el: XmlElement): string {
  return el.ns === PARLEY_NS ? `pu:${el.local}` : el.local;
}

/**
 * Sets a single-valued field from element `el`. A repeat with the same value
 * is harmless; a repeat with another value is refused, quoting both (README:
 * "Choices where the specs leave room"). `under` names the field's parent
 * (`location`) in the report. Labels are built only for a conflict: this
 * runs for every element read.
 */
export function setOnce(
  target: RawRecord,
  field: string,
  value: unknown,
  el: XmlElement,
  place: ItemPlace | null,
  under?: string,
): void {
  if (!(field in target)) {
    target[field] = value;
    return;
  }
  const before = target[field];
  if (before === value || JSON.stringify(before) === JSON.stringify(value)) return;
  const reported = under === undefined ? field : `${under}.${field}`;
  const message = `<${label(el)}> appears twice with different values (${excerpt(before)} and ${excerpt(value)}); it holds one value`;
  if (place === null) throw invalid({ field: reported, message });
  place.conflict ??= { field: reported, message };
}

function readLocation(el: XmlElement, place: ItemPlace): RawRecord {
  const location: RawRecord = {};
  for (const child of el.children) {
    if (child.ns !== PARLEY_NS) continue;
    const field = LOCATION_FIELDS.get(child.local);
    if (field !== undefined) setOnce(location, field, textOf(child), child, place, "location");
  }
  return location;
}

/** Reads a `pu:` element of an item into the item. */
export function readParleyField(place: ItemPlace, el: XmlElement): void {
  const item = place.item;
  const local = el.local;
  const single = PU_SINGLE.get(local);
  if (single !== undefined) {
    setOnce(item, single, textOf(el), el, place);
    return;
  }
  const list = PU_LIST.get(local);
  if (list !== undefined) {
    pushTo(item, list, textOf(el));
    return;
  }
  if (local === "location") setOnce(item, "location", readLocation(el, place), el, place);
}

/** `pu:version` and `pu:mode` on the channel or feed. */
export function readHeader(doc: RawDocument, el: XmlElement): void {
  if (el.ns !== PARLEY_NS) return;
  if (el.local === "version" || el.local === "mode") setOnce(doc, el.local, textOf(el), el, null);
}

/**
 * An element where items go that the mapping does not read as an item, but
 * that looks like one: named `item` or `entry` (the other format's, or in
 * another namespace), or holding a `pu:kind` or `pu:id`.
 */
export function looksLikeItem(el: XmlElement): boolean {
  if (el.local === "item" || el.local === "entry") return true;
  for (const child of el.children) {
    if (child.ns === PARLEY_NS && (child.local === "kind" || child.local === "id")) return true;
  }
  return false;
}

/** How one format maps to the update feed: which elements are its items, how an item and the document around it read. */
export interface FeedMapping {
  /** `<rss>` or `<feed>`, for messages. */
  readonly root: string;
  /** What the format's items are, as messages say it. */
  readonly itemsAre: string;
  /** Whether `el`, closing inside `ancestors` (outermost first), is one of the format's items. */
  isItem(el: XmlElement, ancestors: readonly XmlElement[]): boolean;
  readItem(el: XmlElement, index: number): RawRecord;
  /**
   * The document of the root, with the items already read (in document
   * order; they are no longer in the tree). Elements left in the tree that
   * look like items go to `strays`.
   */
  readDocument(root: XmlElement, items: RawRecord[], strays: XmlElement[]): RawDocument;
}
