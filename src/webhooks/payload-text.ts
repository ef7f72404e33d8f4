/** Small text helpers shared by the Slack and Discord payload builders. */
import type { Change, ChangeEvent } from "../events/event.ts";

export { entryTitle } from "../render/entry-title.ts";
export { itemLink as itemUrl } from "../render/event-link.ts";
export { truncate } from "../text/excerpt.ts";

/** The item's title, when it has one. */
export function itemTitle(event: ChangeEvent): string | undefined {
  const title = (event.item as { title?: unknown }).title;
  return typeof title === "string" && title !== "" ? title : undefined;
}

/** What a chat message says besides the changes (the same as a feed entry). */
export { type EntryContext as MessageContext, entryContext as messageContext } from "../render/entry-context.ts";

/** `and N more changes`: what a message says when it leaves changes out. */
export function moreChanges(n: number): string {
  return `and ${n} more ${n === 1 ? "change" : "changes"}`;
}

export type { Change };
