/**
 * The type patterns a subscription's `types` filter accepts: `*` (every kind),
 * `prefix.*` for a known prefix (`meeting.*`), or an exact known kind
 * (`deadline.missed`). The kinds themselves are the events spec's table
 * (src/events/event-kinds.ts); matching is the feeds' (src/events/event-filter.ts).
 */
import { KIND_ORDER } from "../events/event-kinds.ts";

export { kindMatches as typePatternMatches } from "../events/event-filter.ts";
export { isValidTypePattern } from "../events/event-kinds.ts";

export const EVENT_KINDS: readonly string[] = KIND_ORDER;
