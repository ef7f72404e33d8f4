/**
 * Replay: re-sends the logged events detected at or after `since` that match
 * a subscription's filters, oldest first, with their original ids (so
 * receivers de-duplicate them like any redelivery). Lists the KV event log
 * newest first down to `since`, then sends the oldest `max` matching events.
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import { detectedMsOfKey, EVENT_PREFIX } from "../../src/events/event-index.ts";
import { deliveryMessage, eventBytes } from "../../src/webhooks/fan-out-plan.ts";
import { matchesSubscription } from "../../src/webhooks/subscription-filter.ts";
import type { SubscriptionRecord } from "../../src/webhooks/subscription-record.ts";
import { readEvents } from "../store/event-log.ts";
import { sendDeliveries } from "./fan-out.ts";

export const MAX_REPLAY = 1000;

export interface ReplayResult {
  event_ids: string[];
  /** True when more than `max` events matched: the oldest `max` were sent; replay again from the last one's time. */
  truncated: boolean;
}

export async function replayEvents(
  env: Env,
  record: Pick<SubscriptionRecord, "id" | "filters">,
  sinceMs: number,
  max = MAX_REPLAY,
): Promise<ReplayResult> {
  const keys: string[] = [];
  let cursor: string | undefined;
  outer: do {
    const page = await env.PARLEY_KV.list({ prefix: EVENT_PREFIX, cursor, limit: 1000 });
    for (const k of page.keys) {
      if (detectedMsOfKey(k.name) < sinceMs) break outer;
      keys.push(k.name);
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);

  // Oldest first, so that when more than `max` match, a replay from a later `since` continues
  // where this one stopped (keeping the newest would make the oldest unreachable).
  keys.reverse();
  const matched: ChangeEvent[] = [];
  let truncated = false;
  for (let i = 0; i < keys.length && !truncated; i += 100) {
    for (const event of await readEvents(env.PARLEY_KV, keys.slice(i, i + 100))) {
      if (!matchesSubscription(event, record.filters)) continue;
      if (matched.length === max) {
        truncated = true;
        break;
      }
      matched.push(event);
    }
  }
  // Through the ledger: a replayed pair starts over even when it was delivered or given up on.
  await sendDeliveries(
    env,
    matched.map((event) => deliveryMessage(record.id, event, eventBytes(event), true)),
  );
  return { event_ids: matched.map((e) => e.id), truncated };
}
