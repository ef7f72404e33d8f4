/** Small text helpers shared by the Slack and Discord payload builders. */
import type { ChangeEvent } from "../events/event.ts";

export { eventLink as itemUrl } from "../render/event-link.ts";
export { truncate } from "../text/excerpt.ts";

/** The item's title, when it has one. */
export function itemTitle(event: ChangeEvent): string | undefined {
  const title = (event.item as { title?: unknown }).title;
  return typeof title === "string" && title !== "" ? title : undefined;
}
