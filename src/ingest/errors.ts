/**
 * A document that must be rejected. The message names the item (index and id)
 * and the field, and says what was expected.
 */
export interface DocumentIssue {
  /** Index of the item in the document, when the problem is inside an item. */
  index?: number;
  /** The item's id, when it could be read. */
  id?: string;
  /** The field, in JSON-encoding names (`items[3].location.country` style relative to the item: `location.country`). */
  field?: string;
  message: string;
}

export type DocumentErrorCode =
  | "malformed"
  | "unsupported_version"
  | "invalid_document"
  | "too_large"
  | "too_many_items"
  | "forbidden_markup"
  | "unsupported_media_type"
  | "unsupported_charset";

export class DocumentError extends Error {
  readonly code: DocumentErrorCode;
  readonly issues: DocumentIssue[];
  constructor(code: DocumentErrorCode, message: string, issues: DocumentIssue[] = []) {
    super(message);
    this.name = "DocumentError";
    this.code = code;
    this.issues = issues;
  }
}

/** Human-readable location of an issue: `item 3 (id "x"), field "status"`. */
export function describeIssue(issue: DocumentIssue): string {
  const parts: string[] = [];
  if (issue.index !== undefined) {
    parts.push(issue.id !== undefined ? `item ${issue.index} (id "${issue.id}")` : `item ${issue.index}`);
  }
  if (issue.field) parts.push(`field "${issue.field}"`);
  return parts.length ? `${parts.join(", ")}: ${issue.message}` : issue.message;
}

/** For a date-time refused only for its second 60 (see parseRfc3339 on leap seconds). */
export const LEAP_SECOND_MESSAGE =
  "second 60 is a leap second, allowed only at 23:59:60 UTC (e.g. 2016-12-31T23:59:60Z or 2017-01-01T00:59:60+01:00)";

/** Longest excerpt of a value quoted in an error message, in UTF-16 units, ellipsis included. */
export const MAX_EXCERPT = 80;

/** `value` cut to at most `max` units with an ellipsis (never between the halves of a surrogate pair). */
export function shorten(value: string, max = MAX_EXCERPT): string {
  if (value.length <= max) return value;
  let end = max - 1;
  const c = value.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${value.slice(0, end)}…`;
}

/** A value quoted for an error message: JSON-quoted, at most MAX_EXCERPT characters of it. */
export function excerpt(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(shorten(value));
  return shorten(JSON.stringify(value) ?? String(value));
}
