/**
 * Validates a decoded update document (JSON encoding's shape; the XML decoder
 * produces the same) and normalizes it. Any bad item rejects the whole
 * document with a DocumentError naming item index, id and field.
 */
import type { z } from "zod";
import type { DocumentMode, UpdateDocument } from "../model/document.ts";
import type { Item } from "../model/item.ts";
import { describeValue } from "../text/excerpt.ts";
import { isMisplacedLeapSecond, isRfc3339, parseRfc3339, toUtcIso } from "../time/instant.ts";
import {
  boundIssue,
  DocumentError,
  type DocumentIssue,
  describeIssue,
  issueId,
  LEAP_SECOND_MESSAGE,
} from "./errors.ts";
import { type DeadlineInput, deadlineSchema, type MeetingInput, meetingSchema } from "./item-schema.ts";
import { MAX_FUTURE_MS, MAX_ITEMS, MAX_REPORTED_ISSUES } from "./limits.ts";
import { normalizeDeadline, normalizeMeeting } from "./normalize-item.ts";
import { type PrepareIssue, prepareItem } from "./prepare-item.ts";

export interface ParseOptions {
  /** RFC 3339: the time of receipt, used when neither item nor document gives updated_at. */
  receivedAt: string;
  /** `snapshot` for JSON, `updates` for XML, when the document does not say. */
  defaultMode: DocumentMode;
  maxItems?: number;
  /** The decoder ruled out characters text may not hold for the whole document (decode-body.ts): skip the per-string checks. */
  charactersChecked?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function optionalString(doc: Record<string, unknown>, field: string, issues: DocumentIssue[]): string | undefined {
  const v = doc[field];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") {
    issues.push({ field, message: "expected a string" });
    return undefined;
  }
  return v.trim() || undefined;
}

/**
 * The problem with a date-time that lies too far after the time of receipt
 * (MAX_FUTURE_MS), or null. `utc` is the normalized value (never the text as
 * written, whose fraction may be of any length).
 */
function futureProblem(utc: string, receivedMs: number): string | null {
  // Written as "not after" so that a time of receipt that cannot be read (NaN) refuses nothing.
  if (!(parseRfc3339(utc) > receivedMs + MAX_FUTURE_MS)) return null;
  return `${utc} lies more than ${MAX_FUTURE_MS / 3_600_000} hours after the time of receipt (${toUtcIso(receivedMs)}): a revision cannot be dated in the future`;
}

function zodIssues(error: z.ZodError, index: number, id: string | undefined): DocumentIssue[] {
  return error.issues.map((i) => ({
    index,
    ...(id !== undefined && { id }),
    field: i.path.length ? i.path.join(".") : undefined,
    message: i.message,
  }));
}

function fail(code: "invalid_document", issues: DocumentIssue[]): never {
  const shown = issues.slice(0, MAX_REPORTED_ISSUES).map(boundIssue);
  const rest = issues.length - 1;
  const listed =
    issues.length > shown.length ? `; the first ${shown.length} are listed in issues` : ", listed in issues";
  const message = `${describeIssue(shown[0])}${rest > 0 ? ` (and ${rest} more problem${rest > 1 ? "s" : ""}${listed})` : ""}`;
  throw new DocumentError(code, message, shown);
}

/** A document of another version than "1"; `got` describes the version given (describeValue). */
export function unsupportedVersion(got: string): DocumentError {
  return new DocumentError("unsupported_version", `unsupported version ${got}: parley reads version "1"`, [
    { field: "version", message: `expected "1", got ${got}` },
  ]);
}

/** The document must be an object naming version "1". */
function checkVersion(raw: unknown): asserts raw is Record<string, unknown> {
  if (!isRecord(raw)) {
    throw new DocumentError("invalid_document", "expected a document object with version and items", [
      { message: "expected a document object with version and items" },
    ]);
  }
  if (raw.version === undefined) {
    throw new DocumentError("unsupported_version", 'required: version "1"', [
      { field: "version", message: 'required: "1"' },
    ]);
  }
  if (raw.version !== "1") throw unsupportedVersion(describeValue(raw.version));
}

interface Header {
  mode: DocumentMode;
  generated_at?: string;
  title?: string;
  link?: string;
}

/** The document's own fields (mode, generated_at, title, link); problems go to `issues`. */
function readHeader(raw: Record<string, unknown>, options: ParseOptions, issues: DocumentIssue[]): Header {
  const modeRaw = optionalString(raw, "mode", issues);
  if (modeRaw !== undefined && modeRaw !== "snapshot" && modeRaw !== "updates") {
    issues.push({ field: "mode", message: `expected snapshot or updates, got ${describeValue(modeRaw)}` });
  }
  const mode: DocumentMode = modeRaw === "snapshot" || modeRaw === "updates" ? modeRaw : options.defaultMode;
  const generatedRaw = optionalString(raw, "generated_at", issues);
  if (generatedRaw !== undefined && !isRfc3339(generatedRaw)) {
    issues.push({
      field: "generated_at",
      message: isMisplacedLeapSecond(generatedRaw)
        ? LEAP_SECOND_MESSAGE
        : "expected an RFC 3339 date-time with offset, e.g. 2025-04-18T16:00:00Z",
    });
  }
  const generated_at =
    generatedRaw !== undefined && isRfc3339(generatedRaw) ? toUtcIso(parseRfc3339(generatedRaw)) : undefined;
  const generatedFuture =
    generated_at === undefined ? null : futureProblem(generated_at, parseRfc3339(options.receivedAt));
  if (generatedFuture !== null) issues.push({ field: "generated_at", message: generatedFuture });
  const header: Header = { mode };
  if (generated_at !== undefined) header.generated_at = generated_at;
  const title = optionalString(raw, "title", issues);
  const link = optionalString(raw, "link", issues);
  if (title !== undefined) header.title = title;
  if (link !== undefined) header.link = link;
  return header;
}

/** The item list, present and within the item limit. */
function itemList(raw: Record<string, unknown>, options: ParseOptions, issues: DocumentIssue[]): unknown[] {
  if (!Array.isArray(raw.items)) {
    issues.push({
      field: "items",
      message: raw.items === undefined ? "required: a list of items (may be empty)" : "expected a list",
    });
    fail("invalid_document", issues);
  }
  const rawItems = raw.items as unknown[];
  const maxItems = options.maxItems ?? MAX_ITEMS;
  if (rawItems.length > maxItems) {
    throw new DocumentError(
      "too_many_items",
      `${rawItems.length} items: at most ${maxItems} are accepted in one document`,
      [{ field: "items", message: `at most ${maxItems} items` }],
    );
  }
  return rawItems;
}

interface ItemContext {
  options: ParseOptions;
  /** generated_at, else the time of receipt: an item's updated_at when it has none. */
  fallback: string;
  receivedMs: number;
  issues: DocumentIssue[];
}

/** One item validated and normalized, or null with its problems added to `ctx.issues`. */
function readItem(entry: unknown, index: number, ctx: ItemContext): Item | null {
  const { issues } = ctx;
  if (!isRecord(entry)) {
    issues.push({ index, message: "expected an item object" });
    return null;
  }
  // Names the item in its issues (an invalid id may be of any length: quoted as an excerpt).
  const id = typeof entry.id === "string" ? issueId(entry.id.trim()) : undefined;
  const named = { index, ...(id !== undefined && { id }) };
  const kind = typeof entry.kind === "string" ? entry.kind.trim() : entry.kind;
  if (kind !== "deadline" && kind !== "meeting") {
    const message =
      kind === undefined ? "required: deadline or meeting" : `expected deadline or meeting, got ${describeValue(kind)}`;
    issues.push({ ...named, field: "kind", message });
    return null;
  }
  const textIssues: PrepareIssue[] = [];
  const prepared = prepareItem(entry, ctx.options.charactersChecked ? null : textIssues);
  const r = kind === "deadline" ? deadlineSchema.safeParse(prepared) : meetingSchema.safeParse(prepared);
  if (!r.success || textIssues.length > 0) {
    for (const t of textIssues) issues.push({ ...named, ...t });
    if (!r.success) issues.push(...zodIssues(r.error, index, id));
    return null;
  }
  const item: Item =
    kind === "deadline"
      ? normalizeDeadline(r.data as DeadlineInput, ctx.fallback)
      : normalizeMeeting(r.data as MeetingInput, ctx.fallback);
  // Only a date the item gives itself: without one it takes generated_at, checked with the header.
  const future = r.data.updated_at === undefined ? null : futureProblem(item.updated_at, ctx.receivedMs);
  if (future !== null) {
    issues.push({ index, id: item.id, field: "updated_at", message: future });
    return null;
  }
  return item;
}

export function parseDocument(raw: unknown, options: ParseOptions): UpdateDocument {
  checkVersion(raw);
  const issues: DocumentIssue[] = [];
  const header = readHeader(raw, options, issues);
  const rawItems = itemList(raw, options, issues);
  const ctx: ItemContext = {
    options,
    fallback: header.generated_at ?? options.receivedAt,
    receivedMs: parseRfc3339(options.receivedAt),
    issues,
  };
  const items: Item[] = [];
  // Index of the first item with each id, per kind (two maps rather than `kind/id` keys built per item).
  const seen = { deadline: new Map<string, number>(), meeting: new Map<string, number>() };
  // Every item is checked, so the count of problems is exact; only the first MAX_REPORTED_ISSUES are listed.
  for (let index = 0; index < rawItems.length; index++) {
    const item = readItem(rawItems[index], index, ctx);
    if (item === null) continue;
    const seenOfKind = seen[item.kind];
    const first = seenOfKind.get(item.id);
    if (first !== undefined && header.mode === "snapshot") {
      issues.push({
        index,
        id: item.id,
        field: "id",
        message: `duplicate ${item.kind} id: also item ${first}; a snapshot lists each item once (use mode "updates" for revisions)`,
      });
      continue;
    }
    if (first === undefined) seenOfKind.set(item.id, index);
    items.push(item);
  }
  if (issues.length) fail("invalid_document", issues);
  return { version: "1", ...header, items };
}
