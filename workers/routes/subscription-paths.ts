/** What the subscription routes share: the path, its hook, the problems they name, the declaration defaults. */
import { createRoute, z } from "@hono/zod-openapi";
import { excerpt } from "../../src/text/excerpt.ts";
import { ProblemError } from "../http/problem.ts";
import { problemHook } from "../http/validation.ts";
import { ADMIN } from "../openapi/responses.ts";

const SUBSCRIPTION_ID = /^sub_[a-z0-9]{24}$/;

export function unknownSubscription(id: string): ProblemError {
  return new ProblemError(
    404,
    "unknown_subscription",
    `no subscription ${excerpt(id)}; list them with GET /api/subscriptions`,
  );
}

export function disabled(id: string): ProblemError {
  return new ProblemError(
    409,
    "subscription_disabled",
    `subscription ${id} is disabled; enable it first with PATCH /api/subscriptions/${id} {"enabled": true}`,
  );
}

/** A subscription's path: an id no subscription can have is a 404, as an unknown one is. */
export const subscriptionPath = z.object({
  id: z.string().regex(SUBSCRIPTION_ID).openapi({ example: "sub_0123456789abcdefghijklmn" }),
});
export const subscriptionHook = () => problemHook({ param: (p) => unknownSubscription(p.id ?? "") });

/** A route of the webhooks API: tagged, and declared as needing the admin token. */
export function declare<const R extends Parameters<typeof createRoute>[0]>(route: R) {
  return createRoute({ ...route, tags: ["Webhooks"], security: ADMIN });
}
