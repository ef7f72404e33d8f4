import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin, createSource, get, ingest, json, readModel, uniqueSource } from "../support/api.ts";

const item = (i: number) => ({
  kind: "deadline",
  id: `d${i}`,
  title: `Deadline ${i}`,
  due_text: "within days",
  status: "open",
  updated_at: "2025-04-10T00:00:00Z",
});
const snapshot = (ids: number[]) => JSON.stringify({ version: "1", mode: "snapshot", items: ids.map(item) });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("a snapshot that would remove most of a source", () => {
  it("is refused, naming how many, and changes nothing; confirmed, it goes ahead", async () => {
    const source = uniqueSource("guard");
    await createSource(source);
    await ingest(source, snapshot(range(10)));
    const before = await readModel(source);
    const r = await ingest(source, snapshot([0, 1, 2]));
    expect(r.status).toBe(400);
    const err = (await json(r)).error;
    expect(err.code).toBe("invalid_document");
    expect(err.message).toMatch(/would remove 7 of the source's 10 live items/);
    expect(await readModel(source)).toEqual(before);
    expect((await json(get(`/api/sources/${source}`))).status.last_error.message).toMatch(/would remove 7/);
    // Half or fewer is an ordinary snapshot.
    expect((await json(ingest(source, snapshot(range(5))))).events).toHaveLength(5);
    const confirmed = await admin(`/api/sources/${source}/ingest?confirm_removals=true`, {
      method: "POST",
      body: snapshot([0]),
      headers: { "content-type": "application/json" },
    });
    expect(confirmed.status).toBe(200);
    expect((await json(confirmed)).events.map((e: { type: string }) => e.type)).toEqual(
      Array(4).fill("deadline.removed"),
    );
  });

  it("a source may turn the guard off; a polled document it refuses is a rejected poll", async () => {
    const off = uniqueSource("guard-off");
    await createSource(off, { removal_guard: false });
    await ingest(off, snapshot(range(10)));
    expect((await json(ingest(off, snapshot([])))).events).toHaveLength(10);

    const key = uniqueSource("guard-poll");
    await fetch(`${env.LOOPBACK_URL}/docs/${key}`, { method: "PUT", body: snapshot(range(10)) });
    const polled = uniqueSource("guard-poll");
    await createSource(polled, { url: `${env.LOOPBACK_URL}/docs/${key}` });
    await admin(`/api/sources/${polled}/poll`, { method: "POST" });
    await fetch(`${env.LOOPBACK_URL}/docs/${key}`, { method: "PUT", body: snapshot([9]) });
    const r = await json(admin(`/api/sources/${polled}/poll`, { method: "POST" }));
    expect(r.outcome).toMatchObject({ result: "rejected", error: expect.stringMatching(/would remove 9 of/) });
    const view = await json(get(`/api/sources/${polled}`));
    expect(view.status.counts.rejected).toBe(1);
    expect(view.status.counts.items).toBe(10);
  });
});
