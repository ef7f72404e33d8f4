/**
 * The queue side of the delivery ledger: before the fan-out sends its
 * messages, each subscription's Durable Object records its pairs as pending
 * (one call per subscription, with every pair of the batch, by reference), so
 * a pair whose message never comes up is found by that object's alarm and sent
 * again with sendQueued.
 */

import { resendForm } from "../../src/webhooks/delivery-ledger.ts";
import { chunkMessages, eventBytes, type PlannedMessage } from "../../src/webhooks/fan-out-plan.ts";
import type { DeliveryMessage } from "../../src/webhooks/subscription-record.ts";
import { subscriptionStub } from "./subscription-stub.ts";

/** Subscriptions' Durable Objects called at once by one fan-out. */
const RECORD_CONCURRENCY = 32;

/**
 * Records the messages' pairs in their subscriptions' ledgers. Throws when a
 * subscription could not record them: the caller's retry sends the batch
 * again, and the ledgers skip the pairs already delivered.
 */
export async function recordQueued(env: Env, messages: readonly PlannedMessage[]): Promise<void> {
  const bySubscription = new Map<string, DeliveryMessage[]>();
  for (const { body } of messages) {
    const list = bySubscription.get(body.subscription_id) ?? [];
    list.push(resendForm(body));
    bySubscription.set(body.subscription_id, list);
  }
  const groups = [...bySubscription];
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const [id, bodies] = groups[next++];
      await subscriptionStub(env, id).recordQueued(bodies);
    }
  };
  await Promise.all(Array.from({ length: Math.min(RECORD_CONCURRENCY, groups.length) }, worker));
}

/** Sends messages the ledger already holds (pairs sent again), in as few sendBatch calls as the limits allow. */
export async function sendQueued(env: Env, bodies: readonly DeliveryMessage[]): Promise<void> {
  const planned = bodies.map((body) => ({ body, bytes: body.event ? eventBytes(body.event) + 100 : 300 }));
  for (const chunk of chunkMessages(planned)) {
    await env.DELIVERIES.sendBatch(chunk.map((m) => ({ body: m.body })));
  }
}
