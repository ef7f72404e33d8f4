import type { ChangeEvent } from "../../src/events/event.ts";

/**
 * Enqueues one delivery per (event, matching subscription).
 * Placeholder until the subscriptions work (issue 4) lands: no subscriptions exist yet.
 */
export async function enqueueDeliveries(_env: Env, _events: readonly ChangeEvent[]): Promise<void> {}
