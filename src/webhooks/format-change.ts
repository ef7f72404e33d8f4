/**
 * Plain-text wording of one change — the feeds' own wording
 * (src/render/change-text.ts), so a feed reader and a chat channel show the
 * same line, new value first: `level: officials (was: ministerial)`.
 */
import type { Change } from "../events/event.ts";
import { changeText, formatValue } from "../render/event-body.ts";

export { formatValue };
export const formatChangeValue = changeText;

/** `field: now (was: before)`. */
export function formatChangeLine(change: Change): string {
  return `${change.field}: ${changeText(change)}`;
}
