/**
 * How much of a source's outbox one invocation publishes. Each batch costs
 * one catalog write, one look-up of the subscriptions, one call per matching
 * subscription's Durable Object (its delivery ledger records the pairs) and
 * one queue sendBatch per 100 deliveries (Queues' limits); the batch is cut so the whole stays
 * within the subrequests one invocation may make (50 on the Workers free
 * plan), and the rest goes by the next alarm, at once.
 */
import type { ChangeEvent } from "../events/event.ts";
import { chunkMessages, type FanOutTarget, type PlannedMessage, planDeliveries } from "./fan-out-plan.ts";

export interface PublishBudget {
  /** Most events in one batch. */
  maxEvents: number;
  /** Subrequests the batch may use (catalog write, subscription look-up, ledger calls, sendBatch calls). */
  maxSubrequests: number;
}

/** Subrequests a batch makes besides its sendBatch calls: the catalog write and the subscription list. */
export const FIXED_SUBREQUESTS = 2;

export interface PublishPlan {
  /** How many of the given events (from the head) to publish now; at least one when any are given. */
  take: number;
  messages: PlannedMessage[];
}

/** Subrequests a batch's deliveries make: one ledger call per subscription, one sendBatch per chunk. */
export function deliverySubrequests(messages: readonly PlannedMessage[]): number {
  return new Set(messages.map((m) => m.body.subscription_id)).size + chunkMessages(messages).length;
}

/**
 * The longest head of `events` (at most maxEvents) whose deliveries fit the
 * budget's subrequests. A single event always goes, whatever it costs
 * (its deliveries then take several invocations' worth: Queues allow it, and
 * holding it back would stop the source for ever).
 */
export function planPublish(
  events: readonly ChangeEvent[],
  subscriptions: readonly FanOutTarget[],
  budget: PublishBudget,
): PublishPlan {
  const sends = Math.max(1, budget.maxSubrequests - FIXED_SUBREQUESTS);
  const head = events.slice(0, Math.max(0, budget.maxEvents));
  let take = 0;
  let messages: PlannedMessage[] = [];
  for (let n = 1; n <= head.length; n++) {
    const next = [...messages, ...planDeliveries([head[n - 1]], subscriptions)];
    if (n > 1 && deliverySubrequests(next) > sends) break;
    take = n;
    messages = next;
  }
  return { take, messages };
}
