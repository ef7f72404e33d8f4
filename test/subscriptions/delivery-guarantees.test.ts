/**
 * Delivery guarantees: a short outage disables nothing and loses nothing; a
 * long one disables the subscription once, with every pair accounted for; a
 * pair whose queue message is lost is found by the ledger check and sent again.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { LOST_AFTER_MS, resendForm } from "../../src/webhooks/delivery-ledger.ts";
import { pingEvent } from "../../src/webhooks/operational-events.ts";
import type { SubscriptionObject } from "../../workers/subscription-object.ts";
import { admin, createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import { ping, received, receivedAtLeast, receiverName, receiverUrl, remove, subscribe } from "./helpers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An update document announcing `n` new deadlines: one event each on a source with baseline "announce". */
function deadlines(n: number, prefix = "d"): string {
  const items = Array.from({ length: n }, (_, i) => ({
    kind: "deadline",
    id: `${prefix}${i}`,
    title: `Deadline ${i}`,
    due_text: "within days",
    status: "open",
  }));
  return JSON.stringify({ version: "1", mode: "updates", items });
}

// biome-ignore lint/suspicious/noExplicitAny: test helper: responses are asserted field by field.
async function ledger(id: string, query = ""): Promise<any> {
  return json(admin(`/api/subscriptions/${id}/deliveries?limit=200${query}`));
}

const disabledEventsOf = async (id: string) =>
  (await json(get("/api/events?type=subscription.disabled&limit=200"))).events.filter(
    (e: { item: { id: string } }) => e.item.id === id,
  );

type Stub = DurableObjectStub<SubscriptionObject>;

describe("delivery guarantees", () => {
  it("a burst of 50 events to a receiver down for a second: still enabled, every pair delivered", async () => {
    const source = uniqueSource("burst");
    await createSource(source, { baseline: "announce" });
    const name = receiverName("burst");
    const sub = await subscribe({ url: receiverUrl(name, "?down_ms=1000"), sources: [source] });
    const { events } = await json(ingest(source, deadlines(50)));
    expect(events).toHaveLength(50);
    const ids = new Set(events.map((e: { id: string }) => e.id));

    const done = await eventually(async () => {
      const d = await ledger(sub.id);
      expect(d.counts).toEqual({ pending: 0, delivered: 50, dead_lettered: 0, skipped: 0 });
      return d;
    }, 25_000);
    expect(new Set(done.pairs.map((p: { event_id: string }) => p.event_id))).toEqual(ids);
    // Well over the test's limit of 10 failures in a row came first (the log is newest first) …
    const results = done.deliveries.map((e: { result: string }) => e.result).reverse();
    expect(results.indexOf("delivered")).toBeGreaterThan(10);
    // … and each event then arrived.
    const requests = await received(name);
    expect(new Set(requests.filter((q) => q.answered === 200).map((q) => q.headers["webhook-id"]))).toEqual(ids);
    const view = await json(admin(`/api/subscriptions/${sub.id}`));
    expect(view.enabled).toBe(true);
    expect(view.health.disabled_reason).toBeUndefined();
    expect(view.health.dead_letters).toBe(0);
    expect(await disabledEventsOf(sub.id)).toEqual([]);
    await remove(sub.id);
  }, 40_000);

  it("failing past both limits disables once; the tripping attempt is dead-lettered, the other pairs skipped", async () => {
    const name = receiverName("down");
    const watcher = receiverName("watch");
    const sub = await subscribe({ url: receiverUrl(name, "?status=500") });
    const watch = await subscribe({ url: receiverUrl(watcher), types: ["subscription.disabled"] });
    const ids = await Promise.all(Array.from({ length: 12 }, () => ping(sub.id)));

    const view = await eventually(async () => {
      const v = await json(admin(`/api/subscriptions/${sub.id}`));
      expect(v.enabled).toBe(false);
      return v;
    }, 25_000);
    // Not at the burst's 10th failure: only once the failures had gone on for 2 s.
    expect(view.health.consecutive_failures).toBeGreaterThan(12);
    expect(Date.parse(view.health.disabled_at) - Date.parse(view.health.failing_since)).toBeGreaterThanOrEqual(2000);
    expect(view.health.disabled_reason).toMatch(
      /^\d+ consecutive delivery failures over \d+ seconds since \S+ \(limits: 10 failures and 2 seconds\)$/,
    );
    expect(view.health.dead_letters).toBe(1);

    const d = await eventually(async () => {
      const l = await ledger(sub.id);
      expect(l.counts).toEqual({ pending: 0, delivered: 0, dead_lettered: 1, skipped: 11 });
      return l;
    });
    expect(new Set(d.pairs.map((p: { event_id: string }) => p.event_id))).toEqual(new Set(ids));
    const dead = d.pairs.filter((p: { state: string }) => p.state === "dead_lettered");
    expect(dead[0]).toMatchObject({ reason: "subscription_disabled", last_error: expect.stringMatching(/^HTTP 500/) });
    for (const p of d.pairs.filter((p: { state: string }) => p.state === "skipped")) {
      expect(p.reason).toBe("subscription_disabled");
    }
    const deadLog = d.deliveries.filter((e: { result: string }) => e.result === "dead_letter");
    expect(deadLog).toHaveLength(1);
    expect(deadLog[0]).toMatchObject({
      event_id: dead[0].event_id,
      error: `subscription disabled: ${view.health.disabled_reason}`,
    });

    // One subscription.disabled event, in the log and to the watcher, saying why.
    const [logged] = await eventually(async () => {
      const list = await disabledEventsOf(sub.id);
      expect(list).toHaveLength(1);
      return list;
    });
    expect(logged.item).toMatchObject({ id: sub.id, reason: view.health.disabled_reason });
    await eventually(async () => {
      const got = (await received(watcher)).filter((q) => JSON.parse(q.body).item?.id === sub.id);
      expect(got.map((q) => q.headers["webhook-id"])).toEqual([logged.id]);
    });
    await sleep(1500); // retries still queued come up and are skipped
    expect(await disabledEventsOf(sub.id)).toHaveLength(1);
    expect((await ledger(sub.id)).counts).toEqual({ pending: 0, delivered: 0, dead_lettered: 1, skipped: 11 });
    await remove(sub.id);
    await remove(watch.id);
  }, 40_000);

  it("a pair whose message was lost is found by the ledger check, sent again and delivered once", async () => {
    const name = receiverName("lost");
    const sub = await subscribe({ url: receiverUrl(name) });
    const stub: Stub = env.SUBSCRIPTIONS.getByName(sub.id);
    const event = await pingEvent(sub.id, new Date().toISOString());
    // The fan-out recorded the pair, but its queue message never came up (as after a restart).
    await runInDurableObject(stub, (o: SubscriptionObject) => o.recordQueued([{ subscription_id: sub.id, event }]));
    const pending = await ledger(sub.id, "&state=pending");
    expect(pending.counts).toMatchObject({ pending: 1, delivered: 0 });
    expect(pending.pairs).toMatchObject([{ event_id: event.id, event_type: "ping", state: "pending", attempts: 0 }]);
    const alarm = await runInDurableObject(stub, (_o: SubscriptionObject, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThan(Date.now() + LOST_AFTER_MS - 60_000);

    // Not yet overdue: nothing is sent.
    expect(await runInDurableObject(stub, (o: SubscriptionObject) => o.checkDeliveries(Date.now()))).toBe(0);
    await sleep(1000);
    expect(await received(name)).toEqual([]);

    // Overdue: the check sends it again.
    const later = Date.now() + LOST_AFTER_MS + 1000;
    expect(await runInDurableObject(stub, (o: SubscriptionObject) => o.checkDeliveries(later))).toBe(1);
    const [request] = await receivedAtLeast(name, 1);
    expect(request.headers["webhook-id"]).toBe(event.id);
    expect(() => new Webhook(sub.secret).verify(request.body, request.headers)).not.toThrow();
    const done = await eventually(async () => {
      const l = await ledger(sub.id);
      expect(l.counts).toEqual({ pending: 0, delivered: 1, dead_lettered: 0, skipped: 0 });
      return l;
    });
    expect(done.pairs[0]).toMatchObject({ event_id: event.id, state: "delivered", attempts: 1, requeues: 1 });

    // The late original would be a duplicate: skipped with a reason, not sent twice.
    const late = await runInDurableObject(stub, (o: SubscriptionObject) => o.deliver(event, 1));
    expect(late).toEqual({ action: "ack", result: "skipped" });
    expect((await ledger(sub.id)).deliveries[0]).toMatchObject({
      event_id: event.id,
      result: "skipped",
      error: expect.stringMatching(/^already delivered: a duplicate message/),
    });
    expect(await received(name)).toHaveLength(1);
    await remove(sub.id);
  });

  it("a lost pair of a logged event is sent again by reference and arrives with the event", async () => {
    const source = uniqueSource("lost-ref");
    await createSource(source, { baseline: "announce" });
    const { events } = await json(ingest(source, deadlines(1, "late")));
    // Subscribed after the fan-out: only the ledger knows of this pair.
    const name = receiverName("lost-ref");
    const sub = await subscribe({ url: receiverUrl(name), sources: [source] });
    const stub: Stub = env.SUBSCRIPTIONS.getByName(sub.id);
    const message = resendForm({ subscription_id: sub.id, event: events[0] });
    expect(message.event).toBeUndefined();
    await runInDurableObject(stub, (o: SubscriptionObject) => o.recordQueued([message]));
    const later = Date.now() + LOST_AFTER_MS + 1000;
    expect(await runInDurableObject(stub, (o: SubscriptionObject) => o.checkDeliveries(later))).toBe(1);
    const [request] = await receivedAtLeast(name, 1);
    const verified = new Webhook(sub.secret).verify(request.body, request.headers) as { id: string };
    // The standard body is the event with Standard Webhooks' timestamp (issue 14).
    expect(verified).toEqual({ ...events[0], timestamp: events[0].occurred_at });
    await eventually(async () =>
      expect((await ledger(sub.id)).pairs[0]).toMatchObject({ event_id: events[0].id, state: "delivered" }),
    );
    await remove(sub.id);
  });

  it("the deliveries view takes a state filter and refuses an unknown one", async () => {
    const sub = await subscribe({ url: receiverUrl(receiverName()) });
    const bad = await admin(`/api/subscriptions/${sub.id}/deliveries?state=lost`);
    expect(bad.status).toBe(400);
    expect(await ledger(sub.id, "&state=skipped")).toEqual({
      deliveries: [],
      counts: { pending: 0, delivered: 0, dead_lettered: 0, skipped: 0 },
      pairs: [],
    });
    await remove(sub.id);
  });
});
