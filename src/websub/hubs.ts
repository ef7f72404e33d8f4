/**
 * WebSub (W3C Recommendation; publish pings as PubSubHubbub 0.4 hubs take
 * them): the hubs a deployment names, the feed links and headers that point
 * readers at them, and the topics a batch of events touches.
 */
import type { ChangeEvent } from "../events/event.ts";

/** `HUB_URLS` (comma list) as absolute http(s) URLs; anything else is left out. */
export function hubUrls(value: string | undefined): string[] {
  const hubs: string[] = [];
  for (const raw of (value ?? "").split(",")) {
    const v = raw.trim();
    if (!/^https?:\/\//i.test(v)) continue;
    try {
      hubs.push(new URL(v).toString());
    } catch {
      // not a URL: left out
    }
  }
  return [...new Set(hubs)];
}

/** `Link` header values: one rel="hub" per hub and the feed's rel="self" (RFC 8288). */
export function hubLinkHeaders(hubs: readonly string[], self: string): string[] {
  if (hubs.length === 0) return [];
  return [...hubs.map((h) => `<${h}>; rel="hub"`), `<${self}>; rel="self"`];
}

const FORMATS = ["rss", "atom", "json"] as const;

/**
 * The canonical feeds (under `base`, no query) that the events appear in: the
 * three change feeds, and each affected item's three feeds.
 */
export function hubTopics(base: string, events: readonly ChangeEvent[]): string[] {
  const root = base.replace(/\/+$/, "");
  const topics = FORMATS.map((f) => `${root}/feeds/changes.${f}`);
  const items = new Set<string>();
  for (const e of events) {
    const item = e.item as { kind?: unknown; id?: unknown } | undefined;
    if (typeof item?.kind !== "string" || typeof item.id !== "string") continue;
    const path = `${root}/feeds/items/${encodeURIComponent(e.source)}/${item.kind}/${encodeURIComponent(item.id)}`;
    if (items.has(path)) continue;
    items.add(path);
    for (const f of FORMATS) topics.push(`${path}.${f}`);
  }
  return topics;
}

/** Topics per ping message: keeps a message and a hub's form body small. */
export const TOPICS_PER_PING = 60;

export interface HubPing {
  hub: string;
  source: string;
  topics: string[];
}

/** One ping per hub and chunk of topics. */
export function planHubPings(hubs: readonly string[], source: string, topics: readonly string[]): HubPing[] {
  const pings: HubPing[] = [];
  for (const hub of hubs) {
    for (let i = 0; i < topics.length; i += TOPICS_PER_PING)
      pings.push({ hub, source, topics: topics.slice(i, i + TOPICS_PER_PING) });
  }
  return pings;
}

/** The form body of a publish ping: `hub.mode=publish` and, per topic, `hub.url` and `hub.topic`. */
export function pingBody(topics: readonly string[]): string {
  const form = new URLSearchParams({ "hub.mode": "publish" });
  for (const t of topics) {
    form.append("hub.url", t);
    form.append("hub.topic", t);
  }
  return form.toString();
}

/** Seconds before retry `attempt` (1-based) by the schedule, or null when it is used up. */
export function hubRetryDelay(schedule: readonly number[], attempt: number): number | null {
  return attempt <= schedule.length ? schedule[attempt - 1] : null;
}
