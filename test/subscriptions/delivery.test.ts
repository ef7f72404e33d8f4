import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { admin, createSource, ingest, json, uniqueSource } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import { examples } from "../support/examples.ts";
import {
  deliveries,
  ping,
  received,
  receivedAtLeast,
  receiverName,
  receiverUrl,
  remove,
  subscribe,
} from "./helpers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("webhook delivery through the queue", () => {
  it("a detected change arrives signed per Standard Webhooks and verifies with the standardwebhooks package", async () => {
    const source = uniqueSource("wh");
    await createSource(source);
    const name = receiverName();
    const sub = await subscribe({ url: receiverUrl(name), sources: [source] });
    expect(sub.secret).toMatch(/^whsec_/);
    await ingest(source, examples.json0418);
    const r = await (await ingest(source, examples.json0423)).json<{ events: { id: string }[] }>();
    expect(r.events).toHaveLength(1);

    const [request] = await receivedAtLeast(name, 1);
    expect(request.headers["webhook-id"]).toBe(r.events[0].id);
    expect(request.headers["content-type"]).toBe("application/json");
    const verified = new Webhook(sub.secret).verify(request.body, request.headers) as { id: string; type: string };
    expect(verified.id).toBe(r.events[0].id);
    expect(verified.type).toBe("meeting.downgraded");
    // A wrong secret or a tampered body does not verify.
    expect(() => new Webhook(`whsec_${btoa("x".repeat(32))}`).verify(request.body, request.headers)).toThrow();
    expect(() => new Webhook(sub.secret).verify(`${request.body} `, request.headers)).toThrow();

    const log = await eventually(async () => {
      const l = await deliveries(sub.id);
      expect(l[0]?.result).toBe("delivered");
      return l;
    });
    expect(log[0]).toMatchObject({ event_id: r.events[0].id, attempt: 1, status: 200 });
    expect(typeof log[0].duration_ms).toBe("number");
    await remove(sub.id);
  });

  it("a receiver failing 3 times then succeeding gets the event again with the same webhook-id", async () => {
    const name = receiverName();
    const sub = await subscribe({ url: receiverUrl(name, "?fail=3") });
    const id = await ping(sub.id);
    const requests = await receivedAtLeast(name, 4);
    expect(requests.map((q) => q.answered)).toEqual([500, 500, 500, 200]);
    expect(new Set(requests.map((q) => q.headers["webhook-id"]))).toEqual(new Set([id]));
    for (const q of requests) expect(() => new Webhook(sub.secret).verify(q.body, q.headers)).not.toThrow();

    const log = await eventually(async () => {
      const l = await deliveries(sub.id);
      expect(l[0]?.result).toBe("delivered");
      return l;
    });
    // Newest first: the success, then the three failures, each with a scheduled retry.
    expect(log.map((e) => [e.attempt, e.result, e.status])).toEqual([
      [4, "delivered", 200],
      [3, "failed", 500],
      [2, "failed", 500],
      [1, "failed", 500],
    ]);
    for (const e of log.slice(1)) expect(Date.parse(e.next_retry_at)).toBeGreaterThan(Date.parse(e.at));
    const view = await json(admin(`/api/subscriptions/${sub.id}`));
    expect(view.health).toMatchObject({ consecutive_failures: 0 });
    expect(view.health.last_success_at).toBe(log[0].at);
    await remove(sub.id);
  });

  it("429 with Retry-After: 120 schedules the next try at least 120 s later", async () => {
    const name = receiverName();
    const sub = await subscribe({ url: receiverUrl(name, "?status=429&retry_after=120") });
    await ping(sub.id);
    await receivedAtLeast(name, 1);
    const [entry] = await eventually(async () => {
      const l = await deliveries(sub.id);
      expect(l).toHaveLength(1);
      return l;
    });
    expect(entry).toMatchObject({ result: "failed", status: 429, attempt: 1 });
    expect(Date.parse(entry.next_retry_at) - Date.parse(entry.at)).toBeGreaterThanOrEqual(120_000);
    // With the test schedule of 1 s, anything but the Retry-After would have retried by now.
    await sleep(4000);
    expect(await received(name)).toHaveLength(1);
    await remove(sub.id); // the pending retry then finds no subscription and is dropped
  });

  it("a hanging receiver times out and the delivery is retried", async () => {
    const name = receiverName();
    const sub = await subscribe({ url: receiverUrl(name, "?hang=1") });
    const id = await ping(sub.id);
    const requests = await receivedAtLeast(name, 2);
    expect(requests.map((q) => q.answered)).toEqual([0, 200]);
    expect(requests.map((q) => q.headers["webhook-id"])).toEqual([id, id]);
    const log = await eventually(async () => {
      const l = await deliveries(sub.id);
      expect(l[0]?.result).toBe("delivered");
      return l;
    });
    expect(log[1]).toMatchObject({ attempt: 1, result: "failed", error: "timed out after 1000 ms" });
    expect(log[1].status).toBeUndefined();
    expect(log[1].duration_ms).toBeGreaterThanOrEqual(900);
    await remove(sub.id);
  });

  it("exhausted retries land in the dead-letter record and the log", async () => {
    const name = receiverName();
    const sub = await subscribe({ url: receiverUrl(name, "?status=500") });
    const id = await ping(sub.id);
    const log = await eventually(async () => {
      const l = await deliveries(sub.id);
      expect(l[0]?.result).toBe("dead_letter");
      return l;
    }, 28_000);
    const requests = await received(name);
    // 1 try + 7 retries (WEBHOOK_RETRY_SCHEDULE has 7 entries; the queue's max_retries is 7).
    expect(requests).toHaveLength(8);
    expect(log.map((e) => e.result)).toEqual(["dead_letter", ...Array(8).fill("failed")]);
    expect(log.slice(1).map((e) => e.attempt)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(log[0]).toMatchObject({ event_id: id, attempt: 8 });
    expect(log[1].next_retry_at).toBeUndefined();
    const view = await json(admin(`/api/subscriptions/${sub.id}`));
    expect(view.health).toMatchObject({ consecutive_failures: 8, dead_letters: 1 });
    expect(view.enabled).toBe(true); // 8 < WEBHOOK_MAX_CONSECUTIVE_FAILURES (10 under test)
    await remove(sub.id);
  }, 40_000);
});
