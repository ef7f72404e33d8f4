/**
 * Plain-text wording of one change for the Slack and Discord payloads — the
 * feeds' own wording (src/render/event-body.ts), so a feed reader and a chat
 * channel show the same line: `level: ministerial → officials`.
 */
import type { Change } from "../events/event.ts";
import { changeText, formatValue } from "../render/event-body.ts";

export { formatValue };
export const formatChangeValue = changeText;

/** `field: before → after`. */
export function formatChangeLine(change: Change): string {
  return `${change.field}: ${changeText(change)}`;
}
