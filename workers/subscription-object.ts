import { DurableObject } from "cloudflare:workers";

/** Placeholder: replaced by the subscriptions work (issue 4). */
export class SubscriptionObject extends DurableObject<Env> {}
