/**
 * Which events a subscription receives.
 *
 * Every present filter must match (AND); within one filter any entry may
 * match (OR). An absent or empty filter matches everything.
 * - `types`: patterns (`*`, `meeting.*`, `deadline.missed`) matched against
 *   ANY of the event's `kinds`, not only its `type`.
 * - `sources`: the event's `source`, exactly.
 * - `tags`: any of the item's tags, case-insensitively (events whose item has
 *   no tags, such as operational events, never match a tags filter).
 * - `items`: `kind/id` (exact) or a plain id (any kind).
 * - `severity`: a minimum; `minor` admits minor and major.
 *
 * `ping` events never match a filter: a ping is delivered only to the
 * subscription that asked for it, by the caller, without consulting this.
 */
import type { ChangeEvent } from "../events/event.ts";
import { SEVERITY_RANK } from "../events/event.ts";
import { itemKey } from "../model/item.ts";
import { typePatternMatches } from "./event-kinds.ts";
import type { SubscriptionFilter } from "./subscription-schema.ts";

export function matchesSubscription(event: ChangeEvent, filter: SubscriptionFilter): boolean {
  if (event.type === "ping" || event.kinds.includes("ping")) return false;
  const { types, sources, tags, items, severity } = filter;
  if (types?.length && !event.kinds.some((kind) => types.some((p) => typePatternMatches(p, kind)))) return false;
  if (sources?.length && !sources.includes(event.source)) return false;
  if (tags?.length) {
    const itemTags = (event.item as { tags?: unknown }).tags;
    if (!Array.isArray(itemTags)) return false;
    const have = new Set(itemTags.filter((t): t is string => typeof t === "string").map(foldCase));
    if (!tags.some((t) => have.has(foldCase(t)))) return false;
  }
  if (items?.length) {
    const key = itemKey(event.item);
    if (!items.some((ref) => (ref.includes("/") ? ref === key : ref === event.item.id))) return false;
  }
  if (severity && SEVERITY_RANK[event.severity] < SEVERITY_RANK[severity]) return false;
  return true;
}

function foldCase(s: string): string {
  return s.trim().toLowerCase();
}
