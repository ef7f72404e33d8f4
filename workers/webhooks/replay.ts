/**
 * Replay: re-sends the logged events detected at or after `since` that match
 * a subscription's filters, oldest first, with their original ids (so
 * receivers de-duplicate them like any redelivery). The catalog's indexes
 * yield only matching events, starting at `since`, page by page; at most
 * `max` are sent, and `truncated` says to replay again from a later `since`.
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import type { EventFilter } from "../../src/events/event-filter.ts";
import { deliveryMessage, eventBytes } from "../../src/webhooks/fan-out-plan.ts";
import { matchesSubscription } from "../../src/webhooks/subscription-filter.ts";
import type { SubscriptionRecord } from "../../src/webhooks/subscription-record.ts";
import type { SubscriptionFilter } from "../../src/webhooks/subscription-schema.ts";
import { findEvents } from "../store/event-log.ts";
import { sendDeliveries } from "./fan-out.ts";

export const MAX_REPLAY = 1000;
const PAGE = 200;

export interface ReplayResult {
  event_ids: string[];
  /** True when more than `max` events matched: the oldest `max` were sent; replay again from the last one's time. */
  truncated: boolean;
}

/** A subscription's filters as event-log filters (`types` match any of an event's kinds). */
export function logFilterOf(f: SubscriptionFilter): EventFilter {
  return {
    ...(f.types?.length && { kind: f.types }),
    ...(f.sources?.length && { source: f.sources }),
    ...(f.tags?.length && { tag: f.tags.map((t) => t.trim()) }),
    ...(f.items?.length && { item: f.items }),
    ...(f.severity && { severity: f.severity }),
  };
}

export async function replayEvents(
  env: Env,
  record: Pick<SubscriptionRecord, "id" | "filters">,
  sinceMs: number,
  max = MAX_REPLAY,
): Promise<ReplayResult> {
  const filter = logFilterOf(record.filters);
  const matched: ChangeEvent[] = [];
  let truncated = false;
  let after: string | undefined;
  for (;;) {
    const page = await findEvents(env, {
      filter,
      limit: PAGE,
      oldestFirst: true,
      sinceMs,
      ...(after !== undefined && { after }),
    });
    for (const event of page.events) {
      if (!matchesSubscription(event, record.filters)) continue;
      if (matched.length === max) truncated = true;
      else matched.push(event);
    }
    if (truncated || !page.next) break;
    after = page.next;
  }
  // Through the ledger: a replayed pair starts over even when it was delivered or given up on.
  await sendDeliveries(
    env,
    matched.map((event) => deliveryMessage(record.id, event, eventBytes(event), true)),
  );
  return { event_ids: matched.map((e) => e.id), truncated };
}
