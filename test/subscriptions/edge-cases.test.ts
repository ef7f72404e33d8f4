import { env } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { replayEvents } from "../../workers/webhooks/replay.ts";
import { admin, createSource, ingest, json, uniqueSource } from "../support/api.ts";
import { ping, receivedAtLeast, receiverName, receiverUrl, remove, subscribe } from "./helpers.ts";

function meetings(names: string[], summary: string): string {
  const meeting = (id: string, extra: Record<string, unknown>) => ({
    kind: "meeting",
    id,
    title: `Meeting ${id}`,
    starts_at: "2030-01-01",
    timezone: "UTC",
    status: "scheduled",
    summary,
    updated_at: "2025-04-18T00:00:00Z",
    ...extra,
  });
  return JSON.stringify({
    version: "1",
    mode: "snapshot",
    items: [meeting("big", { participants: names }), meeting("small", {})],
  });
}

describe("webhook edge cases", () => {
  it("an event too large for a queue message is delivered by reference and holds back nothing", async () => {
    const source = uniqueSource("big");
    await createSource(source);
    const name = receiverName();
    const sub = await subscribe({ url: receiverUrl(name), sources: [source] });
    const before = Array.from({ length: 100 }, (_, i) => `A${i} ${"x".repeat(490)}`);
    const after = Array.from({ length: 100 }, (_, i) => `B${i} ${"y".repeat(490)}`);
    await ingest(source, meetings(before, "one"));

    const big = await ingest(source, meetings(after, "one"));
    expect(big.status).toBe(200);
    const bigEvent = (await json(big)).events[0];
    expect(JSON.stringify(bigEvent).length).toBeGreaterThan(128 * 1024);
    const small = await json(ingest(source, meetings(after, "two")));
    expect(small.published).toBeUndefined();

    const got = await receivedAtLeast(name, 3, 30_000);
    const ids = got.map((r) => r.headers["webhook-id"]);
    expect(ids).toContain(bigEvent.id);
    const bigDelivery = got.find((r) => r.headers["webhook-id"] === bigEvent.id);
    const verified = new Webhook(sub.secret).verify(bigDelivery?.body ?? "", bigDelivery?.headers ?? {}) as {
      changes: unknown[];
    };
    expect(verified.changes).toEqual(bigEvent.changes);
    const view = await json(admin(`/api/sources/${source}`));
    expect(view.status.publish_error).toBeUndefined();
    await remove(sub.id);
  });

  it("two rotations in a row: every secret in its overlap still verifies", async () => {
    const name = receiverName();
    const sub = await subscribe({ url: receiverUrl(name) });
    const r1 = await json(admin(`/api/subscriptions/${sub.id}/rotate-secret`, { method: "POST" }));
    const r2 = await json(admin(`/api/subscriptions/${sub.id}/rotate-secret`, { method: "POST" }));
    await ping(sub.id);
    const [request] = await receivedAtLeast(name, 1);
    expect(request.headers["webhook-signature"].split(" ")).toHaveLength(3);
    for (const secret of [sub.secret, r1.secret, r2.secret]) {
      expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();
    }
    await remove(sub.id);
  });

  it("a replay over its limit sends the oldest events, so a later `since` reaches the rest", async () => {
    const source = uniqueSource("replay-limit");
    await createSource(source, { baseline: "announce" });
    const since = Date.now() - 1000;
    const detected: string[] = [];
    for (const n of [1, 2, 3]) {
      const doc = JSON.stringify({
        version: "1",
        mode: "updates",
        items: [{ kind: "deadline", id: `d${n}`, title: `D${n}`, due_text: "soon", status: "open" }],
      });
      detected.push((await json(ingest(source, doc))).events[0].id);
      await new Promise((r) => setTimeout(r, 5));
    }
    const record = { id: "sub_replay_limit_test", filters: { sources: [source] } };
    const first = await replayEvents(env, record, since, 2);
    expect(first).toEqual({ event_ids: detected.slice(0, 2), truncated: true });
  });
});
