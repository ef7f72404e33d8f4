/** Small text helpers shared by the Slack and Discord payload builders. */
import type { ChangeEvent } from "../events/event.ts";

export { eventLink as itemUrl } from "../render/event-link.ts";

/** The item's title, when it has one. */
export function itemTitle(event: ChangeEvent): string | undefined {
  const title = (event.item as { title?: unknown }).title;
  return typeof title === "string" && title !== "" ? title : undefined;
}

/** Cuts `text` to at most `max` UTF-16 units, ending with "…" when cut (never splitting a surrogate pair). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
