import type { SubscriptionObject } from "../subscription-object.ts";

/** The methods callers use on a subscription's Durable Object (typed from the class, as for sources). */
export type SubscriptionMethods = Pick<
  SubscriptionObject,
  | "create"
  | "describe"
  | "update"
  | "destroy"
  | "rotateSecret"
  | "deliveries"
  | "recordQueued"
  | "deliver"
  | "recordDeadLetter"
>;

/** The Durable Object that owns a subscription (one per subscription id). */
export function subscriptionStub(env: Env, id: string): SubscriptionMethods {
  return env.SUBSCRIPTIONS.getByName(id) as unknown as SubscriptionMethods;
}
