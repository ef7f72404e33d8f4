import type { ChangeEvent } from "../events/event.ts";

/**
 * The item's `url` when it is an absolute http(s) URL, else undefined. Source
 * URLs are untrusted: a `javascript:` or `data:` link must never reach a
 * reader's <a href>, so anything else is left out of every feed format.
 */
export function eventLink(event: ChangeEvent): string | undefined {
  const url = (event.item as { url?: unknown }).url;
  if (typeof url !== "string") return undefined;
  if (!/^https?:\/\//i.test(url)) return undefined;
  return URL.canParse(url) ? url : undefined;
}

/** Every kind of the event, then the item's tags (when it has any), without case-insensitive duplicates. */
export function eventCategories(event: ChangeEvent): { kinds: string[]; tags: string[] } {
  const seen = new Set<string>();
  const kinds: string[] = [];
  const tags: string[] = [];
  for (const k of event.kinds) {
    const key = k.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      kinds.push(k);
    }
  }
  const itemTags = (event.item as { tags?: unknown }).tags;
  if (Array.isArray(itemTags)) {
    for (const t of itemTags) {
      if (typeof t !== "string" || t === "") continue;
      const key = t.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        tags.push(t);
      }
    }
  }
  return { kinds, tags };
}
