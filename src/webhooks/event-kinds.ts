/**
 * The type patterns a subscription's `types` filter accepts: `*` (every kind),
 * `prefix.*` for a known prefix (`meeting.*`), or an exact known kind
 * (`deadline.missed`). The kinds themselves are the events spec's table
 * (src/events/event-kinds.ts); matching is the feeds' (src/events/event-filter.ts).
 */
import { KIND_ORDER } from "../events/event-kinds.ts";

export { kindMatches as typePatternMatches } from "../events/event-filter.ts";

export const EVENT_KINDS: readonly string[] = KIND_ORDER;

/** The part before the dot of every kind: `deadline`, `meeting`, `source`, `subscription`. */
export const EVENT_KIND_PREFIXES: readonly string[] = [
  ...new Set(EVENT_KINDS.filter((k) => k.includes(".")).map((k) => k.slice(0, k.indexOf(".")))),
];

export function isValidTypePattern(pattern: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return EVENT_KIND_PREFIXES.includes(pattern.slice(0, -2));
  return EVENT_KINDS.includes(pattern);
}
