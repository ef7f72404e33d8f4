import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { allEvents, createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { asExpected, CLOCK_TYPES, iranSteps, sorted } from "../support/iran-talks.ts";
import { rng } from "../support/seeded.ts";

interface Faulty {
  store: { storage: DurableObjectStorage };
  env: Env;
}

/**
 * Makes a source's storage writes (any SQL write, also in the middle of a
 * transaction) and its publishes to the catalog fail at random with
 * probability `p`, seeded; `p = 0` restores the real ones.
 */
async function faults(source: string, seed: number, p: number): Promise<void> {
  await runInDurableObject(env.SOURCES.getByName(source), (instance: object, state) => {
    const own = instance as Faulty;
    const realStorage = state.storage;
    const realEnv = { ...own.env, CATALOG: env.CATALOG };
    if (p === 0) {
      own.store.storage = realStorage;
      own.env = realEnv;
      return;
    }
    const next = rng(seed);
    const sql = new Proxy(realStorage.sql, {
      get(target, prop) {
        if (prop !== "exec") return Reflect.get(target, prop);
        return (query: string, ...params: unknown[]) => {
          if (/^\s*(INSERT|UPDATE|DELETE)/i.test(query) && next() < p)
            throw new Error("storage write failed (injected)");
          return target.exec(query, ...params);
        };
      },
    });
    own.store.storage = new Proxy(realStorage, {
      get(target, prop) {
        if (prop === "sql") return sql;
        const v = Reflect.get(target, prop);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const catalog = new Proxy(env.CATALOG, {
      get(target, prop) {
        if (prop !== "getByName") return Reflect.get(target, prop);
        return (name: string) => {
          const stub = target.getByName(name);
          return new Proxy(stub, {
            get(s, m) {
              const fn = Reflect.get(s, m);
              if (m !== "publish" || typeof fn !== "function") return fn;
              return (...args: unknown[]) =>
                next() < p ? Promise.reject(new Error("catalog write failed (injected)")) : Reflect.apply(fn, s, args);
            },
          });
        };
      },
    });
    own.env = { ...realEnv, CATALOG: catalog };
  });
}

const RUNS = Number(process.env.FAULT_RUNS ?? 200);

describe("storage and catalog writes failing at random (seeded)", () => {
  it(`${RUNS} runs of the iran-talks sequence: every change published exactly once, nothing left waiting`, async () => {
    const want = sorted(iranSteps.flatMap((s) => s.events));
    expect(want).toHaveLength(28);
    for (let seed = 1; seed <= RUNS; seed++) {
      const source = uniqueSource(`faults-${seed}`);
      await createSource(source);
      await faults(source, seed, 0.15);
      let failures = 0;
      for (const step of iranSteps) {
        // A failed commit changed nothing: the same document is sent again, as a pusher would.
        for (let attempt = 0; ; attempt++) {
          const r = await ingest(source, step.document);
          if (r.status === 200 || r.status === 202) break;
          expect(r.status, `seed ${seed}: ${await r.text()}`).toBe(500);
          failures++;
          expect(attempt).toBeLessThan(50);
        }
      }
      // A clock run through the same faults: all or nothing, then once.
      const stub = env.SOURCES.getByName(source);
      for (let attempt = 0; attempt < 50; attempt++) {
        try {
          await (stub as unknown as { runClock(now: number): Promise<number> }).runClock(Date.now());
          break;
        } catch {
          failures++;
        }
      }
      await faults(source, seed, 0);
      for (let i = 0; i < 30 && (await json(get(`/api/sources/${source}`))).outbox > 0; i++) {
        await runDurableObjectAlarm(stub);
      }
      expect((await json(get(`/api/sources/${source}`))).outbox, `seed ${seed}`).toBe(0);
      const events = await allEvents(source);
      const ids = events.map((e: { id: string }) => e.id);
      expect(new Set(ids).size, `seed ${seed}: an event published twice`).toBe(ids.length);
      const changes = events.filter((e: { type: string }) => !CLOCK_TYPES.has(e.type)).map(asExpected);
      expect(sorted(changes), `seed ${seed} (${failures} injected failures)`).toEqual(want);
      // The clock fired what was due once: a second run adds nothing.
      const clock = events.length - changes.length;
      await (stub as unknown as { runClock(now: number): Promise<number> }).runClock(Date.now());
      for (let i = 0; i < 5 && (await json(get(`/api/sources/${source}`))).outbox > 0; i++)
        await runDurableObjectAlarm(stub);
      expect((await allEvents(source)).length - changes.length, `seed ${seed}`).toBe(clock);
    }
  }, 600_000);
});
