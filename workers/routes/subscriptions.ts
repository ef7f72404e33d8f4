/**
 * Webhook subscriptions under /api/subscriptions, all admin-only: create
 * (the secret is in this response only), list, get (with health), PATCH,
 * DELETE, rotate-secret, test (a ping through the queue), the delivery log
 * with the ledger's pairs (`?state=` one of pending, delivered, dead_lettered,
 * skipped), and replay. URLs are checked against SSRF rules at creation and on a PATCH
 * of the URL, and again before every delivery.
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { toUtcIso } from "../../src/time/instant.ts";
import { deliveryConfig } from "../../src/webhooks/delivery-config.ts";
import { deliveryMessage, eventBytes } from "../../src/webhooks/fan-out-plan.ts";
import { pingEvent } from "../../src/webhooks/operational-events.ts";
import { newSubscriptionRecord } from "../../src/webhooks/subscription-record.ts";
import { createSubscriptionSchema, patchSubscriptionSchema } from "../../src/webhooks/subscription-schema.ts";
import { checkWebhookTarget } from "../../src/webhooks/url-safety.ts";
import { requireAdmin } from "../http/admin-auth.ts";
import type { AppEnv } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import { jsonBody } from "../http/validation.ts";
import { ADMIN_PROBLEMS, json, problems } from "../openapi/responses.ts";
import { EventSchema, SecretSchema, SubscriptionSchema } from "../openapi/schemas.ts";
import { sendDeliveries } from "../webhooks/fan-out.ts";
import { listSubscriptions } from "../webhooks/subscription-index.ts";
import { subscriptionStub } from "../webhooks/subscription-stub.ts";
import { subscriptionLogRoutes } from "./subscription-log.ts";
import { declare, disabled, subscriptionHook, subscriptionPath, unknownSubscription } from "./subscription-paths.ts";

export const subscriptionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: subscriptionHook() });

// All admin: authenticated before anything else is said about the request (even an unknown route).
subscriptionRoutes.use("*", requireAdmin);

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `sub_${[...bytes].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("")}`;
}

async function checkUrl(env: Env, url: string): Promise<string> {
  const check = await checkWebhookTarget(url, deliveryConfig(env).allowPrivate);
  if (!check.ok) throw new ProblemError(400, "unsafe_url", `url refused: ${check.reason}`, { field: "url" });
  return check.url;
}

const NOT_FOUND = problems([404, ...ADMIN_PROBLEMS]);

const created = SubscriptionSchema.extend({ secret: SecretSchema.optional() });
const createRouteDecl = declare({
  method: "post",
  path: "/",
  summary: "Create a subscription",
  middleware: [jsonBody({ what: "invalid subscription", example: '{"url": "https://…"}' })] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: createSubscriptionSchema,
          example: { url: "https://example.com/hooks/parley", types: ["meeting.*", "deadline.missed"] },
        },
      },
    },
  },
  responses: {
    201: json(
      created,
      "Created; a standard subscription with its whsec_… secret (shown this once only), Slack and Discord with none",
    ),
    ...problems([400, 409, ...ADMIN_PROBLEMS], { 409: "Id collision: try again" }),
  },
});

subscriptionRoutes.openapi(createRouteDecl, async (c) => {
  const body = c.req.valid("json");
  const url = await checkUrl(c.env, body.url);
  const id = newId();
  const record = newSubscriptionRecord(id, { ...body, url }, toUtcIso(Date.now()));
  const made = await subscriptionStub(c.env, id).create(record);
  if (!made) throw new ProblemError(409, "conflict", "subscription id collision; try again");
  return c.json({ ...made.view, ...(made.secret !== undefined && { secret: made.secret }) }, 201);
});

const listRoute = declare({
  method: "get",
  path: "/",
  summary: "Every subscription with filters and health (never the secret)",
  responses: {
    200: json(z.object({ subscriptions: z.array(SubscriptionSchema) }), "The subscriptions"),
    ...problems(ADMIN_PROBLEMS),
  },
});

subscriptionRoutes.openapi(listRoute, async (c) => {
  const records = await listSubscriptions(c.env.PARLEY_KV);
  records.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  const views = await Promise.all(records.map((r) => subscriptionStub(c.env, r.id).describe()));
  return c.json({ subscriptions: views.filter((v) => v !== null) }, 200);
});

const getRoute = declare({
  method: "get",
  path: "/{id}",
  summary: "One subscription with filters and health",
  request: { params: subscriptionPath },
  responses: { 200: json(SubscriptionSchema, "The subscription"), ...NOT_FOUND },
});

subscriptionRoutes.openapi(getRoute, async (c) => {
  const { id } = c.req.valid("param");
  const view = await subscriptionStub(c.env, id).describe();
  if (!view) throw unknownSubscription(id);
  return c.json(view, 200);
});

const patchRoute = declare({
  method: "patch",
  path: "/{id}",
  summary: "Change a subscription",
  description: "`enabled`, filters, `description`, `url` (re-checked); `null` clears a filter.",
  middleware: [jsonBody({ what: "invalid change", example: '{"enabled": false}' })] as const,
  request: {
    params: subscriptionPath,
    body: {
      required: true,
      content: { "application/json": { schema: patchSubscriptionSchema, example: { enabled: false } } },
    },
  },
  responses: { 200: json(SubscriptionSchema, "Changed"), ...problems([400, 404, ...ADMIN_PROBLEMS]) },
});

subscriptionRoutes.openapi(patchRoute, async (c) => {
  const { id } = c.req.valid("param");
  const patch = c.req.valid("json");
  if (patch.url !== undefined) patch.url = await checkUrl(c.env, patch.url);
  const view = await subscriptionStub(c.env, id).update(patch, toUtcIso(Date.now()));
  if (!view) throw unknownSubscription(id);
  return c.json(view, 200);
});

const deleteRoute = declare({
  method: "delete",
  path: "/{id}",
  summary: "Delete a subscription",
  request: { params: subscriptionPath },
  responses: { 204: { description: "Deleted" }, ...NOT_FOUND },
});

subscriptionRoutes.openapi(deleteRoute, async (c) => {
  const { id } = c.req.valid("param");
  if (!(await subscriptionStub(c.env, id).destroy())) throw unknownSubscription(id);
  return c.body(null, 204);
});

const rotateRoute = declare({
  method: "post",
  path: "/{id}/rotate-secret",
  summary: "A new secret (shown once); the old one keeps signing for 24 h",
  request: { params: subscriptionPath },
  responses: {
    200: json(z.object({ secret: SecretSchema }), "The new secret"),
    ...NOT_FOUND,
    ...problems([409], { 409: "A Slack or Discord subscription: not signed, the URL is the secret" }),
  },
});

subscriptionRoutes.openapi(rotateRoute, async (c) => {
  const { id } = c.req.valid("param");
  const rotated = await subscriptionStub(c.env, id).rotateSecret(Date.now());
  if (rotated === "unsigned") {
    throw new ProblemError(409, "not_signed", "slack and discord deliveries are not signed: the URL is the secret");
  }
  if (!rotated) throw unknownSubscription(id);
  return c.json(rotated, 200);
});

const testRoute = declare({
  method: "post",
  path: "/{id}/test",
  summary: "Send a ping event to this subscription now",
  request: { params: subscriptionPath },
  responses: {
    202: json(z.object({ queued: z.literal(true), event_id: z.string(), event: EventSchema }), "Queued"),
    ...problems([404, 409, ...ADMIN_PROBLEMS], { 409: "The subscription is disabled" }),
  },
});

subscriptionRoutes.openapi(testRoute, async (c) => {
  const { id } = c.req.valid("param");
  const view = await subscriptionStub(c.env, id).describe();
  if (!view) throw unknownSubscription(id);
  if (!view.enabled) throw disabled(id);
  const event = await pingEvent(id, toUtcIso(Date.now()));
  await sendDeliveries(c.env, [deliveryMessage(id, event, eventBytes(event))]);
  return c.json({ queued: true as const, event_id: event.id, event }, 202);
});

// The delivery log and replay (./subscription-log.ts), behind the same admin check.
subscriptionRoutes.route("/", subscriptionLogRoutes);
