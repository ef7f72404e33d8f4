/** Limits of the update-feed spec (defaults; the Worker may lower the byte limit by configuration). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ITEMS = 5_000;
export const MAX_TITLE = 500;
export const MAX_TEXT = 10_000;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
export const MAX_NAMES = 100;
/** The spec sets no length for a party/participant name; parley caps it so one item cannot grow without bound. */
export const MAX_NAME_LENGTH = 500;
export const MAX_SHORT_TEXT = 500;
/** At most this many issues are reported for one rejected document. */
export const MAX_REPORTED_ISSUES = 20;
/**
 * How far after the time of receipt an `updated_at` (or the document's
 * `generated_at`) may lie: clocks drift and publishers write local times with
 * a wrong offset, but a revision dated further ahead would make every real
 * revision after it stale until that date.
 */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
