import { env, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { allEvents, createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import { breakSourcePublish } from "../support/failing-kv.ts";

function deadlines(n: number, from: number, summary: string, status = "open") {
  return Array.from({ length: n }, (_, i) => ({
    kind: "deadline",
    id: `d${from + i}`,
    title: `Deadline ${from + i}`,
    summary,
    due_text: "within a matter of days",
    status,
    updated_at: "2025-04-10T00:00:00Z",
  }));
}

const doc = (items: unknown[], mode = "updates") => JSON.stringify({ version: "1", mode, items });

describe("a source's state is bounded per item, whatever it holds", () => {
  it("5,000 items holding more than one KV value could (25 MiB) keep ingesting and publishing", async () => {
    const source = uniqueSource("huge");
    await createSource(source);
    const summary = "x".repeat(5_400);
    // The first document is the silent baseline; each later one announces its 500 new items.
    for (let i = 0; i < 10; i++) {
      const r = await ingest(source, doc(deadlines(500, i * 500, summary)));
      expect([200, 202]).toContain(r.status);
    }
    const view = await eventually(async () => {
      const v = await json(get(`/api/sources/${source}`));
      expect(v.outbox).toBe(0);
      return v;
    }, 60_000);
    expect(view.status.counts.items).toBe(5_000); // ~27 MB of item state
    const changed = await json(ingest(source, doc(deadlines(1, 4_321, summary, "met"))));
    expect(changed.events.map((e: { type: string }) => e.type)).toEqual(["deadline.met"]);
    const newest = await json(get(`/api/events?source=${source}&limit=1`));
    expect(newest.events.map((e: { id: string }) => e.id)).toEqual([changed.events[0].id]);
    const item = await json(get(`/api/items/${source}/deadline/d4321`));
    expect(item.item.status).toBe("met");
    expect(item.history.map((e: { id: string }) => e.id)[0]).toBe(changed.events[0].id);
  }, 120_000);
});

describe("bounded publishing", () => {
  it("an ingest announcing 1,000 items publishes them all in batches, each event once, in commit order", async () => {
    const source = uniqueSource("burst");
    await createSource(source, { baseline: "announce" });
    const r = await ingest(source, doc(deadlines(1_000, 0, "s"), "snapshot"));
    expect(r.status).toBe(202); // more than the ingest publishes itself: the alarm goes on at once
    const body = await json(r);
    expect(body.events).toHaveLength(1_000);
    const published = await eventually(async () => {
      const events = await allEvents(source);
      expect(events).toHaveLength(1_000);
      return events;
    });
    expect(new Set(published.map((e) => e.id))).toEqual(new Set(body.events.map((e: { id: string }) => e.id)));
    // In commit order: each batch is written after the one before it.
    const written = await writtenOrder(body.events.map((e: { id: string }) => e.id));
    expect(written).toEqual([...written].sort((a, b) => a - b));
  });

  it("a write failing in the middle of the batches loses nothing and publishes nothing twice", async () => {
    const source = uniqueSource("midfail");
    await createSource(source, { baseline: "announce" });
    const stub = env.SOURCES.getByName(source);
    const restore = await breakSourcePublish(stub, (call) => call === 2);
    const r = await ingest(source, doc(deadlines(1_000, 0, "s"), "snapshot"));
    expect(r.status).toBe(202);
    const body = await json(r);
    // The ingest published the first batch; the alarm's next batch fails and is retried later.
    await eventually(async () => {
      const view = await json(get(`/api/sources/${source}`));
      expect(view.status.publish_error.message).toMatch(/catalog unavailable/);
    });
    expect((await allEvents(source)).length).toBe(100); // the first batch only
    await restore();
    await runDurableObjectAlarm(stub);
    const published = await eventually(async () => {
      const events = await allEvents(source);
      expect(events).toHaveLength(1_000);
      return events;
    });
    expect(new Set(published.map((e) => e.id)).size).toBe(1_000);
    expect(new Set(published.map((e) => e.id))).toEqual(new Set(body.events.map((e: { id: string }) => e.id)));
    expect((await json(get(`/api/sources/${source}`))).status.publish_error).toBeUndefined();
  });
});

/** When each event was written to the catalog (ms), in the order the ids are given. */
async function writtenOrder(ids: string[]): Promise<number[]> {
  const { runInDurableObject } = await import("cloudflare:test");
  return runInDurableObject(env.CATALOG.getByName("catalog"), (instance: object) => {
    const sql = (instance as { ctx: DurableObjectState }).ctx.storage.sql;
    const rows = sql
      .exec<{ id: string; written_ms: number }>(
        "SELECT id, written_ms FROM events WHERE id IN (SELECT value FROM json_each(?))",
        JSON.stringify(ids),
      )
      .toArray();
    const at = new Map(rows.map((r) => [r.id, r.written_ms]));
    return ids.map((id) => at.get(id) ?? -1);
  });
}
