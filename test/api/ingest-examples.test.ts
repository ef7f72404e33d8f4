import { describe, expect, it } from "vitest";
import { createSource, get, ingest, json, readModel, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";

describe("ingest by push: the shared examples", () => {
  it("the two snapshots in order yield exactly the London downgrade", async () => {
    const source = uniqueSource("ukraine");
    await createSource(source, { title: "Ukraine talks" });
    const first = await json(ingest(source, examples.json0418));
    expect(first).toEqual({ events: [], stale: 0, unchanged: 0, baseline: true });
    const second = await ingest(source, examples.json0423);
    expect(second.status).toBe(200);
    const body = await json(second);
    expect(body.events).toHaveLength(1);
    const [event] = body.events;
    expect(event.type).toBe("meeting.downgraded");
    expect(event.kinds).toEqual(["meeting.downgraded", "meeting.held", "meeting.updated"]);
    expect(event.severity).toBe("major");
    expect(event.source).toBe(source);
    expect(event.item).toMatchObject({ kind: "meeting", id: "london-talks-2025-04-23", level: "officials" });
    expect(event.changes.slice(0, 2)).toEqual([
      { field: "level", from: "ministerial", to: "officials" },
      { field: "status", from: "scheduled", to: "held" },
    ]);
    expect(event.id).toMatch(/^evt_[a-z2-7]{26}$/);

    // Read back through the API.
    const listed = await json(get(`/api/events?source=${source}`));
    expect(listed.events.map((e: { id: string }) => e.id)).toEqual([event.id]);
    const item = await json(get(`/api/items/${source}/meeting/london-talks-2025-04-23`));
    expect(item.item.status).toBe("held");
    expect(item.history.map((e: { id: string }) => e.id)).toEqual([event.id]);
    const items = await json(get(`/api/items?source=${source}`));
    expect(items.items).toHaveLength(6);
    const status = await json(get(`/api/sources/${source}`));
    expect(status.status).toMatchObject({ baselined: true, counts: { ingests: 2, events: 1, items: 6 } });
  });

  it("the RSS example and the JSON example give identical state", async () => {
    const a = uniqueSource("json");
    const b = uniqueSource("rss");
    await createSource(a);
    await createSource(b);
    expect((await ingest(a, examples.json0418)).status).toBe(200);
    expect((await ingest(b, examples.rss0418, "application/rss+xml")).status).toBe(200);
    const itemsA = await json(get(`/api/items?source=${a}`));
    const itemsB = await json(get(`/api/items?source=${b}`));
    const strip = (list: { source: string }[]) => list.map(({ source: _s, ...rest }) => rest);
    expect(strip(itemsB.items)).toEqual(strip(itemsA.items));
    // ...and the same next snapshot gives the same event (same id too: ids do not depend on the source encoding).
    const ea = await json(ingest(a, examples.json0423));
    const eb = await json(ingest(b, examples.json0423));
    expect(eb.events.map((e: { kinds: string[] }) => e.kinds)).toEqual(
      ea.events.map((e: { kinds: string[] }) => e.kinds),
    );
  });

  it("the same document twice yields nothing and writes nothing to KV", async () => {
    const source = uniqueSource();
    await createSource(source);
    await ingest(source, examples.json0418);
    await ingest(source, examples.json0423);
    const before = await json(get(`/api/sources/${source}`));
    const readBefore = await readModel(source);
    const again = await json(ingest(source, examples.json0423));
    expect(again).toMatchObject({ events: [], stale: 0, unchanged: 6 });
    const after = await json(get(`/api/sources/${source}`));
    expect(after.status.counts.ingests).toBe(before.status.counts.ingests + 1);
    expect(await readModel(source)).toEqual(readBefore);
  });

  it("baseline announce makes the first ingest announce every item", async () => {
    const source = uniqueSource();
    await createSource(source, { baseline: "announce" });
    const r = await json(ingest(source, examples.json0418));
    expect(r.baseline).toBe(true);
    expect(r.events).toHaveLength(6);
    expect(new Set(r.events.map((e: { type: string }) => e.type))).toEqual(
      new Set(["deadline.created", "meeting.announced"]),
    );
  });
});
