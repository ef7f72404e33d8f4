import type { ChangeEvent } from "../events/event.ts";

/**
 * The item's `url` when it is an absolute http(s) URL, else undefined. Source
 * URLs are untrusted: a `javascript:` or `data:` link must never reach a
 * reader's <a href>, so anything else is left out of every feed format.
 */
export function itemLink(event: ChangeEvent): string | undefined {
  const url = (event.item as { url?: unknown }).url;
  if (typeof url !== "string") return undefined;
  if (!/^https?:\/\//i.test(url)) return undefined;
  return URL.canParse(url) ? url : undefined;
}

/**
 * The event's page on parley's board, from `baseUrl` (the request's origin or
 * PUBLIC_BASE_URL, no trailing slash): `/items/{source}/{kind}/{id}` for an
 * item, `/sources/{id}` for a source's health event, else the board's front page.
 */
export function boardLink(baseUrl: string, event: { source: string; item: { kind: string; id: string } }): string {
  const { kind, id } = event.item;
  if (kind === "deadline" || kind === "meeting")
    return `${baseUrl}/items/${encodeURIComponent(event.source)}/${kind}/${encodeURIComponent(id)}`;
  if (kind === "source") return `${baseUrl}/sources/${encodeURIComponent(id)}`;
  return `${baseUrl}/`;
}

/**
 * Where an entry links: the item's own `url` (absolute http(s) only), else, given
 * a base URL, its page on parley's board; undefined only without either.
 */
export function eventLink(event: ChangeEvent, baseUrl?: string): string | undefined {
  return itemLink(event) ?? (baseUrl === undefined ? undefined : boardLink(baseUrl, event));
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
