import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { SubscriptionObject } from "../../workers/subscription-object.ts";
import { admin, createSource, ingest, json, uniqueSource } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import { examples } from "../support/examples.ts";
import { rng } from "../support/seeded.ts";
import { received, receiverName, receiverUrl, subscribe } from "./helpers.ts";

interface Patchable {
  ctx: DurableObjectState;
  pairs: { sql: SqlStorage };
}

/**
 * Makes a subscription object's storage writes fail at random with
 * probability `p` (its key-value puts and deletes, and its ledger's SQL
 * writes), seeded; `p = 0` restores the real storage.
 */
async function faults(id: string, seed: number, p: number): Promise<void> {
  await runInDurableObject(env.SUBSCRIPTIONS.getByName(id), (instance: SubscriptionObject, state) => {
    const own = instance as unknown as Patchable;
    const real = state.storage;
    if (p === 0) {
      own.ctx = state;
      own.pairs.sql = real.sql;
      return;
    }
    const next = rng(seed);
    const fail = () => next() < p;
    own.pairs.sql = new Proxy(real.sql, {
      get(target, prop) {
        if (prop !== "exec") return Reflect.get(target, prop);
        return (query: string, ...params: unknown[]) => {
          if (/^\s*(INSERT|UPDATE|DELETE)/i.test(query) && fail()) throw new Error("ledger write failed (injected)");
          return target.exec(query, ...params);
        };
      },
    });
    const storage = new Proxy(real, {
      get(target, prop) {
        const v = Reflect.get(target, prop);
        if (typeof v !== "function") return v;
        if (prop === "put" || prop === "delete") {
          return (...args: unknown[]) =>
            fail() ? Promise.reject(new Error("storage write failed (injected)")) : Reflect.apply(v, target, args);
        }
        return v.bind(target);
      },
    });
    own.ctx = new Proxy(state, { get: (t, prop) => (prop === "storage" ? storage : Reflect.get(t, prop)) });
  });
}

/** Seeded runs: one subscription object each, with its own seed. */
const RUNS = 200;

describe("a subscription's storage writes failing at random during fan-out and delivery (seeded)", () => {
  it(`${RUNS} subscriptions, each its own seed: every (event, subscription) pair ends final, every event delivered`, async () => {
    const source = uniqueSource("dfaults");
    await createSource(source, { baseline: "announce" });
    const subs: { id: string; name: string }[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const name = receiverName(`df${seed}`);
      const sub = await subscribe({ url: receiverUrl(name), sources: [source] });
      subs.push({ id: sub.id, name });
    }
    for (let i = 0; i < subs.length; i++) await faults(subs[i].id, i + 1, 0.15);
    const r = await ingest(source, examples.json0418);
    expect([200, 202]).toContain(r.status);
    const ids: string[] = (await json(r)).events.map((e: { id: string }) => e.id);
    expect(ids).toHaveLength(6);
    // Let the faults bite through fan-out and the first attempts, then lift them.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    for (const s of subs) await faults(s.id, 0, 0);
    // What is left: the source's publish retry, lost pairs found by each ledger's check.
    const stub = env.SOURCES.getByName(source);
    const later = Date.now() + 24 * 3_600_000;
    await eventually(
      async () => {
        await runDurableObjectAlarm(stub);
        for (const s of subs) {
          await runInDurableObject(env.SUBSCRIPTIONS.getByName(s.id), (o: SubscriptionObject) =>
            o.checkDeliveries(later),
          );
        }
        for (const s of subs) {
          const view = await json(admin(`/api/subscriptions/${s.id}/deliveries?limit=200`));
          const pending = view.counts.pending ?? 0;
          expect(pending, `subscription ${s.id}: ${JSON.stringify(view.counts)}`).toBe(0);
          const got = new Set(
            (await received(s.name)).map((q) => JSON.parse(q.body).id ?? JSON.parse(q.body).data?.id),
          );
          for (const id of ids) expect(got.has(id), `${s.id} never got ${id}`).toBe(true);
        }
      },
      240_000,
      2_000,
    );
  }, 600_000);
});
