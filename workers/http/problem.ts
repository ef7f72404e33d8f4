/** JSON error responses: `{ "error": { "code", "message", "issues"? } }`. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DocumentError } from "../../src/ingest/errors.ts";
import { EXCERPT_LENGTH, excerpt, listNames, truncate } from "../../src/text/excerpt.ts";

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return c.json({ error: { code, message, ...extra } }, status);
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

export function documentProblem(c: Context, err: DocumentError) {
  return problem(c, DOCUMENT_STATUS[err.code], err.code, err.message, err.issues.length ? { issues: err.issues } : {});
}

/** The longest issue message a 400 carries (messages quote values as excerpts; this bounds any that do not). */
const MAX_ISSUE_MESSAGE = 500;

/** What validationProblem reads of a zod issue. */
interface RequestIssue {
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

/** A zod error as a 400 naming each field. */
export function validationProblem(c: Context, what: string, issues: readonly RequestIssue[]) {
  const list = issues.map((i) => ({
    field: truncate(i.path.map(String).join("."), EXCERPT_LENGTH) || undefined,
    message: issueMessage(i),
  }));
  const first = list[0];
  const message = `${what}: ${first.field ? `field "${first.field}": ` : ""}${first.message}`;
  return problem(c, 400, "invalid_request", message, { issues: list });
}

export { DocumentError, excerpt };
