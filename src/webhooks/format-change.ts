/**
 * Plain-text rendering of one change for the Slack and Discord payloads:
 * `level: ministerial → officials`.
 *
 * Values are formatted by the feeds' `formatValue` (src/render/event-body.ts),
 * and the whole line matches the feed entry's text line for the same change,
 * so a feed reader and a chat channel show identical wording.
 * (event-body.ts keeps its `changeText` private; were it exported, this
 * module would shrink to a re-export.)
 */
import type { Change } from "../events/event.ts";
import { formatValue } from "../render/event-body.ts";

export { formatValue };

/** `before → after`, followed by `(added: A, B; removed: C)` when the change lists names. */
export function formatChangeValue(change: Change): string {
  const parts: string[] = [];
  if (change.added?.length) parts.push(`added: ${change.added.join(", ")}`);
  if (change.removed?.length) parts.push(`removed: ${change.removed.join(", ")}`);
  const line = `${formatValue(change.from)} → ${formatValue(change.to)}`;
  return parts.length ? `${line} (${parts.join("; ")})` : line;
}

/** `field: before → after`. */
export function formatChangeLine(change: Change): string {
  return `${change.field}: ${formatChangeValue(change)}`;
}
