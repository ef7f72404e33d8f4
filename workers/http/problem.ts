/**
 * JSON error responses: `{ "error": { "code", "message", "issues"? } }`.
 * Handlers and validation hooks throw a ProblemError; app.onError renders it
 * (renderProblem), so every error leaves the same way.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DocumentError } from "../../src/ingest/errors.ts";
import { EXCERPT_LENGTH, excerpt, listNames, truncate } from "../../src/text/excerpt.ts";

/** An error answer: its status, code and message, with any extra fields (`issues`, `field`) and headers. */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ProblemError";
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }

  /** A rejected update document as its problem (400, 413 or 415 by code). */
  static fromDocument(err: DocumentError): ProblemError {
    return new ProblemError(
      DOCUMENT_STATUS[err.code],
      err.code,
      err.message,
      err.issues.length ? { issues: err.issues } : {},
    );
  }
}

/** The one place a problem becomes a response. */
export function renderProblem(c: Context, err: ProblemError): Response {
  return c.json({ error: { code: err.code, message: err.message, ...err.extra } }, err.status, err.headers);
}

const DOCUMENT_STATUS: Record<DocumentError["code"], ContentfulStatusCode> = {
  malformed: 400,
  unsupported_version: 400,
  invalid_document: 400,
  forbidden_markup: 400,
  too_many_items: 400,
  too_large: 413,
  unsupported_media_type: 415,
  unsupported_charset: 415,
};

/** The longest issue message a 400 carries (messages quote values as excerpts; this bounds any that do not). */
const MAX_ISSUE_MESSAGE = 500;

/** What invalidRequest reads of a zod issue. */
export interface RequestIssue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
}

/** An issue's message, bounded; unknown keys are named by excerpts (zod quotes them whole). */
function issueMessage(issue: RequestIssue): string {
  if (issue.code === "unrecognized_keys" && issue.keys) {
    return `unknown field${issue.keys.length > 1 ? "s" : ""}: ${listNames(issue.keys)}`;
  }
  return truncate(issue.message, MAX_ISSUE_MESSAGE);
}

/** A zod error as a 400 naming each field, its message led by `what` (e.g. "invalid query"). */
export function invalidRequest(what: string, issues: readonly RequestIssue[]): ProblemError {
  const list = issues.map((i) => ({
    field: truncate(i.path.map(String).join("."), EXCERPT_LENGTH) || undefined,
    message: issueMessage(i),
  }));
  const first = list[0];
  const message = `${what}: ${first.field ? `field "${first.field}": ` : ""}${first.message}`;
  return new ProblemError(400, "invalid_request", message, { issues: list });
}

/** A cursor (`after`) this API did not hand out. */
export function invalidCursor(): ProblemError {
  return new ProblemError(400, "invalid_cursor", "after: not a cursor returned by this API");
}

export { DocumentError, excerpt };
