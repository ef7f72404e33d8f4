import { beforeAll, describe, expect, it } from "vitest";
import { createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";

const source = uniqueSource("read");
let all: string[];

beforeAll(async () => {
  await createSource(source, { baseline: "announce" });
  await ingest(source, examples.json0418);
  await ingest(source, examples.json0423);
  all = (await json(get(`/api/events?source=${source}&limit=200`))).events.map((e: { id: string }) => e.id);
});

describe("GET /api/events", () => {
  it("is newest first", async () => {
    expect(all).toHaveLength(7);
    const events = (await json(get(`/api/events?source=${source}`))).events;
    expect(events[0].type).toBe("meeting.downgraded");
    const detected = events.map((e: { detected_at: string }) => e.detected_at);
    expect([...detected].sort().reverse()).toEqual(detected);
  });

  it("pages with a cursor: every event once, then no next", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { events: { id: string }[]; next: string | null } = await json(
        get(`/api/events?source=${source}&limit=3${after ? `&after=${after}` : ""}`),
      );
      seen.push(...page.events.map((e) => e.id));
      after = page.next;
      pages++;
    } while (after && pages < 10);
    expect(seen).toEqual(all);
    expect(pages).toBe(3);
  });

  it("a last page of exactly `limit` events has no next", async () => {
    const whole = await json(get(`/api/events?source=${source}&limit=7`));
    expect(whole.events).toHaveLength(7);
    expect(whole.next).toBeNull();
    const first = await json(get(`/api/events?source=${source}&limit=4`));
    const second = await json(get(`/api/events?source=${source}&limit=3&after=${first.next}`));
    expect(second.events).toHaveLength(3);
    expect(second.next).toBeNull();
  });

  it("filters by type, item and severity, and rejects bad queries", async () => {
    const ids = async (q: string) =>
      (await json(get(`/api/events?source=${source}&${q}`))).events.map((e: { type: string }) => e.type);
    expect(await ids("type=meeting.announced")).toHaveLength(3);
    expect(await ids("item=london-talks-2025-04-23")).toEqual(["meeting.downgraded", "meeting.announced"]);
    expect(await ids("severity=major")).toEqual(["meeting.downgraded"]);
    expect((await get("/api/events?limit=0")).status).toBe(400);
    const bad = await get("/api/events?after=not-a-cursor");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe("invalid_cursor");
  });
});

describe("GET /api/items", () => {
  it("filters by kind and status", async () => {
    const items = async (q: string) =>
      (await json(get(`/api/items?source=${source}&${q}`))).items.map((i: { id: string }) => i.id).sort();
    expect(await items("kind=deadline")).toEqual([
      "reciprocal-tariff-pause-expiry",
      "us-decision-on-peace-effort",
      "us-ukraine-minerals-deal",
    ]);
    expect(await items("kind=meeting&status=held")).toEqual([
      "london-talks-2025-04-23",
      "paris-talks-2025-04-17",
      "rome-talks-2025-04-18",
    ]);
    expect((await get(`/api/items?status=adjourned`)).status).toBe(400);
  });

  it("one item with its history, newest first; an unknown item is 404", async () => {
    const item = await json(get(`/api/items/${source}/meeting/london-talks-2025-04-23`));
    expect(item.history.map((e: { type: string }) => e.type)).toEqual(["meeting.downgraded", "meeting.announced"]);
    expect((await get(`/api/items/${source}/meeting/nope`)).status).toBe(404);
  });
});
