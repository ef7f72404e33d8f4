/**
 * Enqueues one delivery per (event, matching enabled subscription): one KV
 * list per 1,000 subscriptions, then sendBatch calls of up to 100 messages,
 * so one event for 1,000 subscriptions costs about 11 subrequests, plus one
 * call per matching subscription's Durable Object to record its pairs in its
 * delivery ledger (delivery-ledger-client.ts).
 * `ping` events never match (they go only to the subscription that asked).
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import { chunkMessages, type PlannedMessage, planDeliveries } from "../../src/webhooks/fan-out-plan.ts";
import type { DeliveryMessage } from "../../src/webhooks/subscription-record.ts";
import { recordQueued } from "./delivery-ledger-client.ts";
import { listSubscriptions } from "./subscription-index.ts";

export interface FanOutOptions {
  /** A subscription not to deliver to (the one a subscription.disabled event is about). */
  exclude?: string;
}

export async function enqueueDeliveries(
  env: Env,
  events: readonly ChangeEvent[],
  opts: FanOutOptions = {},
): Promise<number> {
  if (events.length === 0) return 0;
  const subscriptions = await listSubscriptions(env.PARLEY_KV);
  if (subscriptions.length === 0) return 0;
  return sendDeliveries(env, planDeliveries(events, subscriptions, opts.exclude));
}

/** Sends planned messages to the deliveries queue in as few sendBatch calls as the limits allow. */
export async function sendDeliveries(env: Env, messages: readonly PlannedMessage[]): Promise<number> {
  await recordQueued(env, messages);
  for (const chunk of chunkMessages(messages)) {
    await env.DELIVERIES.sendBatch(chunk.map((m) => ({ body: m.body satisfies DeliveryMessage })));
  }
  return messages.length;
}
