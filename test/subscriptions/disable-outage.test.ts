import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { expect, it } from "vitest";
import { pingEvent } from "../../src/webhooks/operational-events.ts";
import type { SubscriptionObject } from "../../workers/subscription-object.ts";
import { admin, get, json } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import { failingWrites } from "../support/failing-kv.ts";
import { received, receiverName, receiverUrl, remove, subscribe } from "./helpers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("a KV outage while auto-disabling loses no subscription.disabled event: it is kept and published once by the alarm", async () => {
  const failing = receiverName("fail");
  const watcher = receiverName("watch");
  const sub = await subscribe({ url: receiverUrl(failing, "?status=500") });
  const watch = await subscribe({ url: receiverUrl(watcher), types: ["subscription.disabled"] });
  const stub = env.SUBSCRIPTIONS.getByName(sub.id);
  const ping = await pingEvent(sub.id, new Date().toISOString());

  // Ten failed attempts (the test limit) with KV refusing writes.
  const realEnv = await runInDurableObject(stub, async (instance: SubscriptionObject) => {
    const own = instance as unknown as { env: Env };
    const saved = own.env;
    own.env = { ...saved, PARLEY_KV: failingWrites(saved.PARLEY_KV) };
    for (let attempt = 1; attempt <= 10; attempt++) await instance.deliver(ping, attempt);
    return saved;
  });
  expect(await received(failing)).toHaveLength(10);

  const ours = (e: { item: { id: string } }) => e.item.id === sub.id;
  const loggedEvents = async () =>
    (await json(get("/api/events?type=subscription.disabled&limit=200"))).events.filter(ours);
  const view = await json(admin(`/api/subscriptions/${sub.id}`));
  expect(view.enabled).toBe(false);
  expect(view.health.disabled_reason).toBe("10 consecutive delivery failures (limit 10)");
  expect(view.health.publish_error.message).toMatch(/KV unavailable/);
  expect(await loggedEvents()).toEqual([]);
  await sleep(1000);
  expect(await received(watcher)).toEqual([]);

  // KV is back: the alarm publishes the stored event, once.
  await runInDurableObject(stub, (instance: SubscriptionObject) => {
    (instance as unknown as { env: Env }).env = realEnv;
  });
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
