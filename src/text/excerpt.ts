/**
 * Short quotations of untrusted text, for error messages. A message that
 * echoes a value whole lets one request make a response (and a stored
 * `last_error`) as large as its body; these helpers quote at most an excerpt.
 */

/** The most characters of a value an error message quotes. */
export const EXCERPT_LENGTH = 80;

/** Cuts `text` to at most `max` UTF-16 units, ending with "…" when cut (never splitting a surrogate pair). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * `text` JSON-quoted (so control characters and quotes are visible), at most
 * `max` characters of it; when cut, with "…" inside the quotes and the full
 * length after them: `"xxxx…" (4194304 characters)`.
 */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(truncate(text, max))} (${text.length} characters)`;
}

/** Like `excerpt`, for text that is not a string value (a number token as written): not quoted. */
export function tokenExcerpt(text: string, max = EXCERPT_LENGTH): string {
  return text.length <= max ? text : `${truncate(text, max)} (${text.length} characters)`;
}

/**
 * A decoded JSON value as a message names it: strings as an excerpt, numbers
 * and literals as written, and a number JSON.parse could only make infinite
 * (`1e400`) as "a number out of range" (JSON.stringify would say `null`).
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return excerpt(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "a number out of range";
  if (value === null || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return typeof value;
}

const PLAIN_NAME = /^[\w.-]{1,80}$/;
const MAX_LISTED_NAMES = 5;

/**
 * Names such as unknown keys, for a message: plain short names as written,
 * anything else as an excerpt; at most five, then how many more.
 */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED_NAMES).map((n) => (PLAIN_NAME.test(n) ? n : excerpt(n)));
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}
