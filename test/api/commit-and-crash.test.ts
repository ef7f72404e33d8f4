import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { allEvents, createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import { breakSourcePublish } from "../support/failing-kv.ts";

function doc(n: number, summary: string) {
  return JSON.stringify({
    version: "1",
    mode: "snapshot",
    items: Array.from({ length: n }, (_, i) => ({
      kind: "deadline",
      id: `d${i}`,
      title: `Deadline ${i}`,
      summary,
      due_text: "within a matter of days",
      status: "open",
      updated_at: "2025-04-10T00:00:00Z",
    })),
  });
}

describe("a change is committed whole, and what is committed is published", () => {
  it("480 items with 10,000-character summaries all changed: every change is announced, once", async () => {
    const source = uniqueSource("wide");
    await createSource(source);
    expect((await ingest(source, doc(480, "a".repeat(10_000)))).status).toBe(200);
    const r = await ingest(source, doc(480, "b".repeat(10_000)));
    expect([200, 202]).toContain(r.status);
    const body = await json(r);
    expect(body.events).toHaveLength(480);
    const events = await eventually(async () => {
      const all = await allEvents(source);
      expect(all).toHaveLength(480);
      return all;
    }, 30_000);
    expect(new Set(events.map((e) => e.id))).toEqual(new Set(body.events.map((e: { id: string }) => e.id)));
    // Sent again: unchanged, because it was applied once, and every change of it is readable.
    expect((await json(ingest(source, doc(480, "b".repeat(10_000))))).events).toEqual([]);
  }, 60_000);

  it("an object that dies after committing, before publishing, publishes everything when it starts again", async () => {
    const source = uniqueSource("crash");
    await createSource(source, { baseline: "announce" });
    const stub = env.SOURCES.getByName(source);
    await breakSourcePublish(stub);
    const r = await ingest(source, doc(250, "s"));
    expect(r.status).toBe(202);
    const body = await json(r);
    expect(await allEvents(source)).toEqual([]);
    // The crash: no retry alarm left, the object's memory gone (its binding with it).
    await runInDurableObject(stub, async (_instance, state) => {
      await state.storage.deleteAlarm();
    });
    await runInDurableObject(stub, (_instance, state) => {
      state.abort("simulated crash");
    }).catch(() => undefined);
    // Any next start (here: a read of its status) re-arms the alarm, which publishes the outbox.
    expect((await json(get(`/api/sources/${source}`))).outbox).toBe(250);
    const events = await eventually(async () => {
      const all = await allEvents(source);
      expect(all).toHaveLength(250);
      return all;
    }, 30_000);
    expect(new Set(events.map((e) => e.id))).toEqual(new Set(body.events.map((e: { id: string }) => e.id)));
    expect((await json(get(`/api/sources/${source}`))).outbox).toBe(0);
  }, 60_000);
});
