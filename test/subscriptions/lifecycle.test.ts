import { env, SELF } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { admin, BASE, createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
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

describe("the subscriptions API", () => {
  it("creates, lists, changes and deletes; the secret is shown once and never again", async () => {
    const noAuth = await SELF.fetch(`${BASE}/api/subscriptions`);
    expect(noAuth.status).toBe(401);
    const name = receiverName();
    const created = await subscribe({
      url: receiverUrl(name),
      types: ["meeting.*", "deadline.missed"],
      tags: ["peace-talks"],
      severity: "minor",
      description: "ops channel",
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^sub_[a-z0-9]{24}$/),
      url: receiverUrl(name),
      format: "standard",
      enabled: true,
      description: "ops channel",
      filters: { types: ["meeting.*", "deadline.missed"], tags: ["peace-talks"], severity: "minor" },
      health: { consecutive_failures: 0, dead_letters: 0 },
    });
    const secret: string = created.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const one = await admin(`/api/subscriptions/${created.id}`);
    expect(one.status).toBe(200);
    const oneText = await one.text();
    expect(oneText).not.toContain(secret);
    expect(oneText).not.toContain("whsec_");
    const list = await json(admin("/api/subscriptions"));
    expect(list.subscriptions.map((s: { id: string }) => s.id)).toContain(created.id);
    expect(JSON.stringify(list)).not.toContain("whsec_");

    const patched = await json(
      admin(`/api/subscriptions/${created.id}`, {
        method: "PATCH",
        body: JSON.stringify({ enabled: false, tags: null, types: ["meeting.held"] }),
      }),
    );
    expect(patched).toMatchObject({ enabled: false, filters: { types: ["meeting.held"], severity: "minor" } });
    expect(patched.filters.tags).toBeUndefined();
    const pingDisabled = await admin(`/api/subscriptions/${created.id}/test`, { method: "POST" });
    expect(pingDisabled.status).toBe(409);
    const bad = await admin(`/api/subscriptions/${created.id}`, {
      method: "PATCH",
      body: JSON.stringify({ types: ["meeting.nope"] }),
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toMatch(/meeting\.nope/);

    expect((await remove(created.id)).status).toBe(204);
    expect((await admin(`/api/subscriptions/${created.id}`)).status).toBe(404);
    expect((await remove(created.id)).status).toBe(404);
    expect((await admin("/api/subscriptions/sub_nope")).status).toBe(404);
  });

  it("rotation: during the overlap each delivery carries both signatures and both secrets verify", async () => {
    const name = receiverName();
    const sub = await subscribe({ url: receiverUrl(name) });
    const r = await admin(`/api/subscriptions/${sub.id}/rotate-secret`, { method: "POST" });
    expect(r.status).toBe(200);
    const rotated = await json(r);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(sub.secret);
    const expires = Date.parse(rotated.previous_secret_expires_at) - Date.now();
    expect(expires).toBeGreaterThan(23.9 * 3600_000);
    expect(expires).toBeLessThanOrEqual(24 * 3600_000);

    const id = await ping(sub.id);
    const [request] = await receivedAtLeast(name, 1);
    expect(request.headers["webhook-id"]).toBe(id);
    expect(request.headers["webhook-signature"].split(" ")).toHaveLength(2);
    const byNew = new Webhook(rotated.secret).verify(request.body, request.headers) as { type: string };
    const byOld = new Webhook(sub.secret).verify(request.body, request.headers) as { type: string };
    expect(byNew.type).toBe("ping");
    expect(byOld.type).toBe("ping");

    const view = await admin(`/api/subscriptions/${sub.id}`);
    const text = await view.text();
    expect(text).not.toContain(rotated.secret);
    expect(text).not.toContain(sub.secret);
    expect(JSON.parse(text).previous_secret_expires_at).toBe(rotated.previous_secret_expires_at);
    await remove(sub.id);
  });

  it("auto-disable: after 10 failures in a row over at least 2 s the subscription is disabled and one subscription.disabled event goes to the log and to other subscribers", async () => {
    const failing = receiverName("fail");
    const watcher = receiverName("watch");
    const sub = await subscribe({ url: receiverUrl(failing, "?status=500"), description: "broken endpoint" });
    const watch = await subscribe({ url: receiverUrl(watcher), types: ["subscription.disabled"] });
    await Promise.all([ping(sub.id), ping(sub.id)]);

    const view = await eventually(async () => {
      const v = await json(admin(`/api/subscriptions/${sub.id}`));
      expect(v.enabled).toBe(false);
      return v;
    }, 25_000);
    expect(view.health.disabled_reason).toMatch(
      /^10 consecutive delivery failures over \d+ seconds since \S+ \(limits: 10 failures and 2 seconds\)$/,
    );
    expect(view.health.consecutive_failures).toBe(10);
    // The attempt that disabled it is dead-lettered, not dropped.
    expect(view.health.dead_letters).toBe(1);

    const ours = (e: { item: { id: string } }) => e.item.id === sub.id;
    const logged = await eventually(async () => {
      const events = (await json(get("/api/events?type=subscription.disabled&limit=200"))).events.filter(ours);
      expect(events).toHaveLength(1);
      return events[0];
    });
    expect(logged).toMatchObject({
      type: "subscription.disabled",
      kinds: ["subscription.disabled"],
      severity: "major",
      item: { kind: "subscription", id: sub.id, url: env.LOOPBACK_URL, reason: view.health.disabled_reason },
    });
    expect(logged.id).toMatch(/^evt_/);

    // The watcher gets it, signed; the disabled subscription does not.
    const got = await eventually(async () => {
      const list = (await received(watcher)).filter((q) => JSON.parse(q.body).item?.id === sub.id);
      expect(list).toHaveLength(1);
      return list[0];
    });
    expect(got.headers["webhook-id"]).toBe(logged.id);
    expect(() => new Webhook(watch.secret).verify(got.body, got.headers)).not.toThrow();
    await sleep(2500); // the other ping's pending retry comes up and is skipped, not sent
    const toFailing = await received(failing);
    expect(toFailing).toHaveLength(10);
    expect(toFailing.every((q) => JSON.parse(q.body).type === "ping")).toBe(true);
    const log = await deliveries(sub.id);
    expect(log.filter((e) => e.result === "failed")).toHaveLength(10);
    expect(log.filter((e) => e.result === "dead_letter")).toHaveLength(1);
    expect(log[0]).toMatchObject({ result: "skipped" });
    expect(log[0].error).toMatch(/subscription disabled: 10 consecutive/);
    // Still exactly one event.
    const again = (await json(get("/api/events?type=subscription.disabled&limit=200"))).events.filter(ours);
    expect(again).toHaveLength(1);

    // Re-enabling clears the failure run.
    const enabled = await json(
      admin(`/api/subscriptions/${sub.id}`, { method: "PATCH", body: JSON.stringify({ enabled: true }) }),
    );
    expect(enabled.enabled).toBe(true);
    expect(enabled.health.consecutive_failures).toBe(0);
    expect(enabled.health.disabled_reason).toBeUndefined();
    await remove(sub.id);
    await remove(watch.id);
  }, 40_000);

  it("replay re-sends the logged events since a time with their original ids", async () => {
    const source = uniqueSource("replay");
    await createSource(source);
    const name = receiverName();
    const sub = await subscribe({ url: receiverUrl(name), sources: [source] });
    const before = new Date(Date.now() - 1000).toISOString();
    await ingest(source, examples.json0418);
    const r = await (await ingest(source, examples.json0423)).json<{ events: { id: string }[] }>();
    const [first] = await receivedAtLeast(name, 1);
    expect(first.headers["webhook-id"]).toBe(r.events[0].id);

    const none = await admin(`/api/subscriptions/${sub.id}/replay`, {
      method: "POST",
      body: JSON.stringify({ since: new Date(Date.now() + 60_000).toISOString() }),
    });
    expect(await json(none)).toEqual({ queued: 0, event_ids: [], truncated: false });
    const bad = await admin(`/api/subscriptions/${sub.id}/replay`, {
      method: "POST",
      body: JSON.stringify({ since: "yesterday" }),
    });
    expect(bad.status).toBe(400);

    const replay = await admin(`/api/subscriptions/${sub.id}/replay`, {
      method: "POST",
      body: JSON.stringify({ since: before }),
    });
    expect(replay.status).toBe(202);
    expect(await json(replay)).toEqual({ queued: 1, event_ids: [r.events[0].id], truncated: false });
    const requests = await receivedAtLeast(name, 2);
    expect(requests).toHaveLength(2);
    expect(requests[1].headers["webhook-id"]).toBe(r.events[0].id);
    expect(requests[1].body).toBe(requests[0].body);
    expect(() => new Webhook(sub.secret).verify(requests[1].body, requests[1].headers)).not.toThrow();
    const log = await eventually(async () => {
      const l = await deliveries(sub.id);
      expect(l).toHaveLength(2);
      return l;
    });
    expect(log[0]).toMatchObject({ result: "delivered", replay: true, event_id: r.events[0].id });
    await remove(sub.id);
  });

  it("a secret appears in no delivery log, event or feed", async () => {
    const name = receiverName();
    const sub = await subscribe({ url: receiverUrl(name, "?fail=1") });
    await ping(sub.id);
    await receivedAtLeast(name, 2);
    await eventually(async () => expect((await deliveries(sub.id))[0]?.result).toBe("delivered"));
    const texts = await Promise.all(
      [
        admin(`/api/subscriptions/${sub.id}/deliveries`),
        admin(`/api/subscriptions/${sub.id}`),
        admin("/api/subscriptions"),
        get("/api/events?limit=200"),
        get("/feeds/changes.json"),
        get("/feeds/changes.rss"),
      ].map(async (r) => (await r).text()),
    );
    for (const text of texts) {
      expect(text).not.toContain(sub.secret);
      expect(text).not.toContain(sub.secret.slice("whsec_".length));
    }
    await remove(sub.id);
  });

  it("Slack and Discord subscriptions get no secret (not signed); a change to the standard format mints one", async () => {
    const created = await json(
      admin("/api/subscriptions", {
        method: "POST",
        body: JSON.stringify({ url: receiverUrl(receiverName()), format: "slack" }),
      }),
    );
    expect(created.format).toBe("slack");
    expect(created).not.toHaveProperty("secret");
    const rotate = await admin(`/api/subscriptions/${created.id}/rotate-secret`, { method: "POST" });
    expect(rotate.status).toBe(409);
    const patched = await json(
      admin(`/api/subscriptions/${created.id}`, { method: "PATCH", body: JSON.stringify({ format: "standard" }) }),
    );
    expect(patched.secret).toMatch(/^whsec_/);
    const again = await json(admin(`/api/subscriptions/${created.id}`));
    expect(again).not.toHaveProperty("secret");
    expect((await admin(`/api/subscriptions/${created.id}`, { method: "DELETE" })).status).toBe(204);
  });
});
