/**
 * Webhook subscriptions under /api/subscriptions, all admin-only: create
 * (the secret is in this response only), list, get (with health), PATCH,
 * DELETE, rotate-secret, test (a ping through the queue), the delivery log
 * with the ledger's pairs (`?state=` one of pending, delivered, dead_lettered,
 * skipped), and replay. URLs are checked against SSRF rules at creation and on a PATCH
 * of the URL, and again before every delivery.
 */
import { Hono } from "hono";
import { z } from "zod";
import { excerpt } from "../../src/text/excerpt.ts";
import { parseRfc3339, toUtcIso } from "../../src/time/instant.ts";
import { deliveryConfig } from "../../src/webhooks/delivery-config.ts";
import { PAIR_STATES } from "../../src/webhooks/delivery-ledger.ts";
import { DELIVERY_LOG_SIZE } from "../../src/webhooks/delivery-log.ts";
import { deliveryMessage, eventBytes } from "../../src/webhooks/fan-out-plan.ts";
import { pingEvent } from "../../src/webhooks/operational-events.ts";
import { newSubscriptionRecord } from "../../src/webhooks/subscription-record.ts";
import { createSubscriptionSchema, patchSubscriptionSchema } from "../../src/webhooks/subscription-schema.ts";
import { checkWebhookTarget } from "../../src/webhooks/url-safety.ts";
import { requireAdmin } from "../http/admin-auth.ts";
import type { AppEnv } from "../http/app-env.ts";
import { problem, validationProblem } from "../http/problem.ts";
import { sendDeliveries } from "../webhooks/fan-out.ts";
import { replayEvents } from "../webhooks/replay.ts";
import { listSubscriptions } from "../webhooks/subscription-index.ts";
import { subscriptionStub } from "../webhooks/subscription-stub.ts";

export const subscriptionRoutes = new Hono<AppEnv>();

const SUBSCRIPTION_ID = /^sub_[a-z0-9]{24}$/;

subscriptionRoutes.use("*", requireAdmin);

subscriptionRoutes.use("/:id/*", async (c, next) => {
  if (!SUBSCRIPTION_ID.test(c.req.param("id") ?? "")) return unknownSubscription(c, c.req.param("id") ?? "");
  await next();
});
subscriptionRoutes.use("/:id", async (c, next) => {
  if (!SUBSCRIPTION_ID.test(c.req.param("id"))) return unknownSubscription(c, c.req.param("id"));
  await next();
});

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `sub_${[...bytes].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("")}`;
}

async function readJson(c: Parameters<typeof problem>[0]): Promise<{ ok: true; body: unknown } | { ok: false }> {
  try {
    return { ok: true, body: await c.req.json() };
  } catch {
    return { ok: false };
  }
}

function checkUrl(env: Env, url: string) {
  return checkWebhookTarget(url, deliveryConfig(env).allowPrivate);
}

subscriptionRoutes.post("/", async (c) => {
  const read = await readJson(c);
  if (!read.ok) return problem(c, 400, "malformed", 'the body must be a JSON object, e.g. {"url": "https://…"}');
  const parsed = createSubscriptionSchema.safeParse(read.body);
  if (!parsed.success) return validationProblem(c, "invalid subscription", parsed.error.issues);
  const check = await checkUrl(c.env, parsed.data.url);
  if (!check.ok) return problem(c, 400, "unsafe_url", `url refused: ${check.reason}`, { field: "url" });
  const id = newId();
  const record = newSubscriptionRecord(id, { ...parsed.data, url: check.url }, toUtcIso(Date.now()));
  const created = await subscriptionStub(c.env, id).create(record);
  if (!created) return problem(c, 409, "conflict", "subscription id collision; try again");
  return c.json({ ...created.view, ...(created.secret !== undefined && { secret: created.secret }) }, 201);
});

subscriptionRoutes.get("/", async (c) => {
  const records = await listSubscriptions(c.env.PARLEY_KV);
  records.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  const views = await Promise.all(records.map((r) => subscriptionStub(c.env, r.id).describe()));
  return c.json({ subscriptions: views.filter((v) => v !== null) });
});

subscriptionRoutes.get("/:id", async (c) => {
  const view = await subscriptionStub(c.env, c.req.param("id")).describe();
  return view ? c.json(view) : unknownSubscription(c, c.req.param("id"));
});

subscriptionRoutes.patch("/:id", async (c) => {
  const id = c.req.param("id");
  const read = await readJson(c);
  if (!read.ok) return problem(c, 400, "malformed", 'the body must be a JSON object, e.g. {"enabled": false}');
  const parsed = patchSubscriptionSchema.safeParse(read.body);
  if (!parsed.success) return validationProblem(c, "invalid change", parsed.error.issues);
  const patch = parsed.data;
  if (patch.url !== undefined) {
    const check = await checkUrl(c.env, patch.url);
    if (!check.ok) return problem(c, 400, "unsafe_url", `url refused: ${check.reason}`, { field: "url" });
    patch.url = check.url;
  }
  const view = await subscriptionStub(c.env, id).update(patch, toUtcIso(Date.now()));
  return view ? c.json(view) : unknownSubscription(c, id);
});

subscriptionRoutes.delete("/:id", async (c) => {
  const id = c.req.param("id");
  return (await subscriptionStub(c.env, id).destroy()) ? c.body(null, 204) : unknownSubscription(c, id);
});

subscriptionRoutes.post("/:id/rotate-secret", async (c) => {
  const id = c.req.param("id");
  const rotated = await subscriptionStub(c.env, id).rotateSecret(Date.now());
  if (rotated === "unsigned")
    return problem(c, 409, "not_signed", "slack and discord deliveries are not signed: the URL is the secret");
  return rotated ? c.json(rotated) : unknownSubscription(c, id);
});

subscriptionRoutes.post("/:id/test", async (c) => {
  const id = c.req.param("id");
  const view = await subscriptionStub(c.env, id).describe();
  if (!view) return unknownSubscription(c, id);
  if (!view.enabled) return disabled(c, id);
  const event = await pingEvent(id, toUtcIso(Date.now()));
  await sendDeliveries(c.env, [deliveryMessage(id, event, eventBytes(event))]);
  return c.json({ queued: true, event_id: event.id, event }, 202);
});

const logQuery = z.object({
  limit: z.coerce
    .number({ error: `expected a number from 1 to ${DELIVERY_LOG_SIZE}` })
    .int()
    .min(1)
    .max(DELIVERY_LOG_SIZE)
    .default(50),
  state: z.enum(PAIR_STATES, { error: `expected one of ${PAIR_STATES.join(", ")}` }).optional(),
});

subscriptionRoutes.get("/:id/deliveries", async (c) => {
  const id = c.req.param("id");
  const q = logQuery.safeParse(c.req.query());
  if (!q.success) return validationProblem(c, "invalid query", q.error.issues);
  const view = await subscriptionStub(c.env, id).deliveries(q.data.limit, q.data.state);
  return view ? c.json(view) : unknownSubscription(c, id);
});

const replaySchema = z.strictObject({
  since: z
    .string({ error: 'required: since, an RFC 3339 date-time such as "2025-04-23T00:00:00Z"' })
    .refine((s) => !Number.isNaN(parseRfc3339(s)), 'expected an RFC 3339 date-time such as "2025-04-23T00:00:00Z"'),
});

subscriptionRoutes.post("/:id/replay", async (c) => {
  const id = c.req.param("id");
  const read = await readJson(c);
  if (!read.ok) return problem(c, 400, "malformed", 'the body must be a JSON object, e.g. {"since": "…"}');
  const parsed = replaySchema.safeParse(read.body);
  if (!parsed.success) return validationProblem(c, "invalid replay", parsed.error.issues);
  const view = await subscriptionStub(c.env, id).describe();
  if (!view) return unknownSubscription(c, id);
  if (!view.enabled) return disabled(c, id);
  const result = await replayEvents(c.env, view, parseRfc3339(parsed.data.since));
  return c.json({ queued: result.event_ids.length, event_ids: result.event_ids, truncated: result.truncated }, 202);
});

function unknownSubscription(c: Parameters<typeof problem>[0], id: string) {
  return problem(
    c,
    404,
    "unknown_subscription",
    `no subscription ${excerpt(id)}; list them with GET /api/subscriptions`,
  );
}

function disabled(c: Parameters<typeof problem>[0], id: string) {
  return problem(
    c,
    409,
    "subscription_disabled",
    `subscription ${id} is disabled; enable it first with PATCH /api/subscriptions/${id} {"enabled": true}`,
  );
}
