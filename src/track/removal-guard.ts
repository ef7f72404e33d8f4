/**
 * A guard against a snapshot that would remove most of a source: a feed that
 * briefly serves a truncated or wrong document (a CMS hiccup, a page of
 * another feed) would otherwise announce a `*.removed` for every item. A
 * snapshot that would remove more than half of a source's live items, and at
 * least MIN_GUARDED of them, is refused, naming how many; a push may confirm
 * it (`?confirm_removals=true`), and a source may turn the guard off
 * (`removal_guard: false`).
 */
import type { TrackedItem } from "./tracked-item.ts";

export const MIN_GUARDED = 5;
export const MAX_REMOVED_SHARE = 0.5;

/** The refusal's message, or null when the change may go ahead. */
export function massRemoval(
  before: ReadonlyMap<string, TrackedItem>,
  updates: ReadonlyMap<string, TrackedItem>,
): string | null {
  let live = 0;
  for (const t of before.values()) if (t.removed_at === undefined) live++;
  let removed = 0;
  for (const [key, t] of updates) {
    if (t.removed_at !== undefined && before.get(key)?.removed_at === undefined) removed++;
  }
  if (removed < MIN_GUARDED || removed <= live * MAX_REMOVED_SHARE) return null;
  return `this snapshot would remove ${removed} of the source's ${live} live items: refused as a likely broken document; push it with ?confirm_removals=true, or set "removal_guard": false on the source, if the removals are real`;
}
