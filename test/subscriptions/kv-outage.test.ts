import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { pingEvent } from "../../src/webhooks/operational-events.ts";
import { newSubscriptionRecord } from "../../src/webhooks/subscription-record.ts";
import type { SubscriptionObject } from "../../workers/subscription-object.ts";
import { admin, get, json } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import { failingWrites } from "../support/failing-kv.ts";
import { received, receiverName, receiverUrl, remove, subscribe } from "./helpers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Stub = DurableObjectStub<SubscriptionObject>;

/** Makes the subscription's Durable Object see a KV whose writes fail; returns its real env. */
function breakKv(stub: Stub): Promise<Env> {
  return runInDurableObject(stub, (instance: SubscriptionObject) => {
    const own = instance as unknown as { env: Env };
    const saved = own.env;
    own.env = { ...saved, PARLEY_KV: failingWrites(saved.PARLEY_KV) };
    return saved;
  });
}

function restoreKv(stub: Stub, realEnv: Env): Promise<void> {
  return runInDurableObject(stub, (instance: SubscriptionObject) => {
    (instance as unknown as { env: Env }).env = realEnv;
  });
}

const indexed = (id: string) => env.PARLEY_KV.get<{ filters: Record<string, unknown> }>(`sub:${id}`, "json");

describe("a KV outage loses nothing a subscription's Durable Object must publish", () => {
  it("while auto-disabling loses no subscription.disabled event: it is kept and published once by the alarm", async () => {
    const failing = receiverName("fail");
    const watcher = receiverName("watch");
    const sub = await subscribe({ url: receiverUrl(failing, "?status=500") });
    const watch = await subscribe({ url: receiverUrl(watcher), types: ["subscription.disabled"] });
    const stub = env.SUBSCRIPTIONS.getByName(sub.id);
    const pings = await Promise.all(Array.from({ length: 10 }, () => pingEvent(sub.id, new Date().toISOString())));

    // Ten failed attempts (the test limit) over more than 2 s (the test's time limit), with KV refusing writes.
    const realEnv = await breakKv(stub);
    await runInDurableObject(stub, (instance: SubscriptionObject) => instance.deliver(pings[0], 1));
    await sleep(2100);
    await runInDurableObject(stub, async (instance: SubscriptionObject) => {
      for (const ping of pings.slice(1)) await instance.deliver(ping, 1);
    });
    expect(await received(failing)).toHaveLength(10);

    const ours = (e: { item: { id: string } }) => e.item.id === sub.id;
    const loggedEvents = async () =>
      (await json(get("/api/events?type=subscription.disabled&limit=200"))).events.filter(ours);
    const view = await json(admin(`/api/subscriptions/${sub.id}`));
    expect(view.enabled).toBe(false);
    expect(view.health.disabled_reason).toMatch(/^10 consecutive delivery failures over \d+ seconds/);
    expect(view.health.publish_error.message).toMatch(/KV unavailable/);
    expect(await loggedEvents()).toEqual([]);
    await sleep(1000);
    expect(await received(watcher)).toEqual([]);

    // KV is back: the alarm publishes the stored event, once.
    await restoreKv(stub, realEnv);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const [logged] = await loggedEvents();
    expect(logged).toMatchObject({
      type: "subscription.disabled",
      item: { id: sub.id, reason: view.health.disabled_reason },
    });
    const delivered = await eventually(async () => {
      const list = (await received(watcher)).filter((q) => JSON.parse(q.body).item?.id === sub.id);
      expect(list).toHaveLength(1);
      return list[0];
    });
    expect(delivered.headers["webhook-id"]).toBe(logged.id);
    expect(() => new Webhook(watch.secret).verify(delivered.body, delivered.headers)).not.toThrow();
    expect((await json(admin(`/api/subscriptions/${sub.id}`))).health.publish_error).toBeUndefined();

    // Nothing left to publish: no second alarm, still exactly one event.
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    expect(await loggedEvents()).toHaveLength(1);
    await remove(sub.id);
    await remove(watch.id);
  }, 30_000);

  it("while creating: the subscription and its secret are returned, and the alarm adds it to the index", async () => {
    const id = `sub_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`; // the API's id format
    const stub = env.SUBSCRIPTIONS.getByName(id);
    const realEnv = await breakKv(stub);
    const record = newSubscriptionRecord(
      id,
      { url: receiverUrl(receiverName()), format: "standard", types: ["meeting.*"] },
      new Date().toISOString(),
    );
    const created = await runInDurableObject(stub, (instance: SubscriptionObject) => instance.create(record));
    expect(created?.secret).toMatch(/^whsec_/);
    expect(created?.view.health.publish_error?.message).toMatch(/KV unavailable/);
    expect(await indexed(id)).toBeNull();

    await restoreKv(stub, realEnv);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await indexed(id))?.filters).toEqual({ types: ["meeting.*"] });
    const listed = (await json(admin("/api/subscriptions"))).subscriptions.find((v: { id: string }) => v.id === id);
    expect(listed.health.publish_error).toBeUndefined();
    expect((await remove(id)).status).toBe(204);
    expect(await indexed(id)).toBeNull();
  });

  it("while changing filters: the change is answered and kept, and the alarm brings the index up to date", async () => {
    const sub = await subscribe({ url: receiverUrl(receiverName()), types: ["meeting.*"] });
    const stub = env.SUBSCRIPTIONS.getByName(sub.id);
    const realEnv = await breakKv(stub);
    const r = await admin(`/api/subscriptions/${sub.id}`, {
      method: "PATCH",
      body: JSON.stringify({ types: ["deadline.*"] }),
    });
    expect(r.status).toBe(200);
    const view = await json(r);
    expect(view.filters).toEqual({ types: ["deadline.*"] });
    expect(view.health.publish_error.message).toMatch(/KV unavailable/);
    expect((await indexed(sub.id))?.filters).toEqual({ types: ["meeting.*"] });

    await restoreKv(stub, realEnv);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await indexed(sub.id))?.filters).toEqual({ types: ["deadline.*"] });
    expect((await json(admin(`/api/subscriptions/${sub.id}`))).health.publish_error).toBeUndefined();
    await remove(sub.id);
  });
});
