/** GET /api/subscriptions/{id}/deliveries (the attempt log and the ledger) and POST …/replay. */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { parseRfc3339 } from "../../src/time/instant.ts";
import { PAIR_STATES } from "../../src/webhooks/delivery-ledger.ts";
import { DELIVERY_LOG_SIZE } from "../../src/webhooks/delivery-log.ts";
import type { AppEnv } from "../http/app-env.ts";
import { jsonBody } from "../http/validation.ts";
import { ADMIN_PROBLEMS, json, problems } from "../openapi/responses.ts";
import { DeliveriesSchema } from "../openapi/schemas.ts";
import { replayEvents } from "../webhooks/replay.ts";
import { subscriptionStub } from "../webhooks/subscription-stub.ts";
import { declare, disabled, subscriptionHook, subscriptionPath, unknownSubscription } from "./subscription-paths.ts";

export const subscriptionLogRoutes = new OpenAPIHono<AppEnv>({ defaultHook: subscriptionHook() });

const logQuery = z.object({
  limit: z.coerce
    .number({ error: `expected a number from 1 to ${DELIVERY_LOG_SIZE}` })
    .int()
    .min(1)
    .max(DELIVERY_LOG_SIZE)
    .default(50)
    .openapi({ description: `1–${DELIVERY_LOG_SIZE} (default 50)` }),
  state: z
    .enum(PAIR_STATES, { error: `expected one of ${PAIR_STATES.join(", ")}` })
    .optional()
    .openapi({ description: "Only the ledger's pairs in this state" }),
});

const deliveriesRoute = declare({
  method: "get",
  path: "/{id}/deliveries",
  summary: "The attempt log, the ledger's counts by state and its pairs, newest first",
  request: { params: subscriptionPath, query: logQuery },
  responses: { 200: json(DeliveriesSchema, "The delivery log"), ...problems([400, 404, ...ADMIN_PROBLEMS]) },
});

subscriptionLogRoutes.openapi(deliveriesRoute, async (c) => {
  const { id } = c.req.valid("param");
  const q = c.req.valid("query");
  const view = await subscriptionStub(c.env, id).deliveries(q.limit, q.state);
  if (!view) throw unknownSubscription(id);
  return c.json(view, 200);
});

const replaySchema = z.strictObject({
  since: z
    .string({ error: 'required: since, an RFC 3339 date-time such as "2025-04-23T00:00:00Z"' })
    .refine((s) => !Number.isNaN(parseRfc3339(s)), 'expected an RFC 3339 date-time such as "2025-04-23T00:00:00Z"')
    .openapi({ format: "date-time" }),
});

const replayRoute = declare({
  method: "post",
  path: "/{id}/replay",
  summary: "Re-send the matching events detected since then, oldest first, with their original ids",
  description: "At most 1,000 (the oldest; `truncated` says to replay again from a later `since`).",
  middleware: [jsonBody({ what: "invalid replay", example: '{"since": "…"}' })] as const,
  request: {
    params: subscriptionPath,
    body: {
      required: true,
      content: { "application/json": { schema: replaySchema, example: { since: "2025-04-20T00:00:00Z" } } },
    },
  },
  responses: {
    202: json(z.object({ queued: z.number().int(), event_ids: z.array(z.string()), truncated: z.boolean() }), "Queued"),
    ...problems([400, 404, 409, ...ADMIN_PROBLEMS], { 409: "The subscription is disabled" }),
  },
});

subscriptionLogRoutes.openapi(replayRoute, async (c) => {
  const { id } = c.req.valid("param");
  const { since } = c.req.valid("json");
  const view = await subscriptionStub(c.env, id).describe();
  if (!view) throw unknownSubscription(id);
  if (!view.enabled) throw disabled(id);
  const result = await replayEvents(c.env, view, parseRfc3339(since));
  return c.json({ queued: result.event_ids.length, event_ids: result.event_ids, truncated: result.truncated }, 202);
});
