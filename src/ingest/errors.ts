/**
 * A document that must be rejected. The message names the item (index and id)
 * and the field, and says what was expected.
 */
import { EXCERPT_LENGTH, excerpt as textExcerpt, truncate } from "../text/excerpt.ts";

/**
 * Bounds of what a rejection says: messages quote values as excerpts
 * (src/text/excerpt.ts); these caps keep a message that still grew (e.g. one
 * from a parser quoting the document) from growing a response or a stored
 * `last_error` with the document.
 */
export const MAX_ERROR_MESSAGE = 1000;
const MAX_ISSUE_MESSAGE = 500;
/** Item ids are at most 200 characters (item-schema.ts): a longer one is quoted as an excerpt. */
const MAX_ISSUE_ID = 200;
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
    super(truncate(message, MAX_ERROR_MESSAGE));
    this.name = "DocumentError";
    this.code = code;
    this.issues = issues.map(boundIssue);
  }
}

/** An id as an issue names it: whole up to the longest valid id, else an excerpt. */
export function issueId(id: string): string {
  return id.length <= MAX_ISSUE_ID ? id : truncate(id, EXCERPT_LENGTH);
}

/** `issue` with its id, field and message within their bounds. */
export function boundIssue(issue: DocumentIssue): DocumentIssue {
  const { id, field, message } = issue;
  if (
    (id === undefined || id.length <= MAX_ISSUE_ID) &&
    (field === undefined || field.length <= EXCERPT_LENGTH) &&
    message.length <= MAX_ISSUE_MESSAGE
  ) {
    return issue;
  }
  return {
    ...issue,
    ...(id !== undefined && { id: issueId(id) }),
    ...(field !== undefined && { field: truncate(field, EXCERPT_LENGTH) }),
    message: truncate(message, MAX_ISSUE_MESSAGE),
  };
}

/** Human-readable location of an issue: `item 3 (id "x"), field "status"`. */
export function describeIssue(issue: DocumentIssue): string {
  const parts: string[] = [];
  if (issue.index !== undefined) {
    parts.push(issue.id !== undefined ? `item ${issue.index} (id ${JSON.stringify(issue.id)})` : `item ${issue.index}`);
  }
  if (issue.field) parts.push(`field ${JSON.stringify(issue.field)}`);
  return parts.length ? `${parts.join(", ")}: ${issue.message}` : issue.message;
}

/** For a date-time refused only for its second 60 (see parseRfc3339 on leap seconds). */
export const LEAP_SECOND_MESSAGE =
  "second 60 is a leap second, allowed only at 23:59:60 UTC (e.g. 2016-12-31T23:59:60Z or 2017-01-01T00:59:60+01:00)";

/** Longest excerpt of a value quoted in an error message (src/text/excerpt.ts holds the one rule). */
export const MAX_EXCERPT = EXCERPT_LENGTH;

/** `value` cut to at most `max` units with an ellipsis (never between the halves of a surrogate pair). */
export function shorten(value: string, max = MAX_EXCERPT): string {
  return truncate(value, max);
}

/** A value quoted for an error message: strings JSON-quoted as an excerpt, anything else as written, cut. */
export function excerpt(value: unknown): string {
  if (typeof value === "string") return textExcerpt(value);
  return truncate(JSON.stringify(value) ?? String(value), MAX_EXCERPT);
}
