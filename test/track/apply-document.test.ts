import { describe, expect, it } from "vitest";
import { decodeJson } from "../../src/ingest/decode-json.ts";
import { parseDocument } from "../../src/ingest/parse-document.ts";
import type { UpdateDocument } from "../../src/model/document.ts";
import type { Item } from "../../src/model/item.ts";
import { applyDocument } from "../../src/track/apply-document.ts";
import type { TrackedItem } from "../../src/track/tracked-item.ts";
import { examples } from "../support/examples.ts";
import { deadline, meeting } from "../support/items.ts";

const receivedAt = "2025-04-23T18:05:12Z";

function json(text: string): UpdateDocument {
  return parseDocument(decodeJson(text), { receivedAt, defaultMode: "snapshot" });
}

function doc(items: Item[], over: Partial<UpdateDocument> = {}): UpdateDocument {
  return { version: "1", mode: "snapshot", items, ...over };
}

async function applyAll(docs: UpdateDocument[], silentFirst = true) {
  let state = new Map<string, TrackedItem>();
  const results = [];
  for (const [i, document] of docs.entries()) {
    const r = await applyDocument({
      source: "ukraine-talks",
      state,
      document,
      receivedAt,
      silent: silentFirst && i === 0,
    });
    state = new Map([...state, ...r.updates]);
    results.push(r);
  }
  return { state, results };
}

describe("applyDocument", () => {
  it("the two example snapshots yield exactly the London downgrade", async () => {
    const { results, state } = await applyAll([json(examples.json0418), json(examples.json0423)]);
    expect(results[0].events).toEqual([]);
    expect(results[0].updates.size).toBe(json(examples.json0418).items.length);
    const [event, ...rest] = results[1].events;
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: "meeting.downgraded",
      kinds: ["meeting.downgraded", "meeting.held", "meeting.updated"],
      severity: "major",
      source: "ukraine-talks",
      occurred_at: "2025-04-23T17:00:00Z",
      detected_at: receivedAt,
      summary: "London talks on a Ukraine ceasefire: downgraded from ministerial to officials; held; summary changed",
    });
    expect(event.item).toMatchObject({ id: "london-talks-2025-04-23", level: "officials", status: "held" });
    expect(results[1].updates.size).toBe(1);
    expect(state.get("meeting/london-talks-2025-04-23")).toMatchObject({ last_change: event.id, revision: 1 });
    expect(results[1].unchanged).toBe(json(examples.json0423).items.length - 1);
  });

  it("baseline announce makes the first ingest announce every item", async () => {
    const { results } = await applyAll([json(examples.json0418)], false);
    const types = results[0].events.map((e) => e.type);
    expect(types.length).toBe(json(examples.json0418).items.length);
    expect(new Set(types)).toEqual(new Set(["deadline.created", "meeting.announced"]));
    expect(results[0].events.every((e) => e.severity === "info")).toBe(true);
  });

  it("the same document twice yields nothing and no updates", async () => {
    const d = json(examples.json0423);
    const { results } = await applyAll([json(examples.json0418), d, d]);
    expect(results[2]).toMatchObject({ events: [], stale: 0 });
    expect(results[2].updates.size).toBe(0);
  });

  it("an older revision is stale: ignored and counted", async () => {
    const { results, state } = await applyAll([
      doc([meeting({ updated_at: "2025-04-20T00:00:00Z", status: "held" })]),
      doc([meeting({ updated_at: "2025-04-19T00:00:00Z", status: "cancelled" })]),
    ]);
    expect(results[1]).toMatchObject({ events: [], stale: 1 });
    expect(state.get("meeting/m1")?.item.status).toBe("held");
  });

  it("orders timestamps with and without milliseconds as instants, not as text", async () => {
    // "…00.500Z" sorts before "…00Z" as text, though it is half a second later.
    const whole = "2025-04-20T12:00:00Z";
    const later = "2025-04-20T12:00:00.500Z";
    const newer = await applyAll([
      doc([meeting({ updated_at: whole })]),
      doc([meeting({ updated_at: later, status: "held" })]),
    ]);
    expect(newer.results[1]).toMatchObject({ stale: 0 });
    expect(newer.results[1].events.map((e) => e.type)).toEqual(["meeting.held"]);

    const older = await applyAll([
      doc([meeting({ updated_at: "2025-04-20T12:00:00.900Z", status: "held" })]),
      doc([meeting({ updated_at: whole, status: "cancelled" })]),
    ]);
    expect(older.results[1]).toMatchObject({ events: [], stale: 1 });

    const revs = [meeting({ updated_at: later, status: "held" }), meeting({ updated_at: whole, status: "confirmed" })];
    const { results, state } = await applyAll([doc([meeting()]), doc(revs, { mode: "updates" })]);
    expect(results[1].events.map((e) => e.type)).toEqual(["meeting.confirmed", "meeting.held"]);
    expect(state.get("meeting/m1")?.item.status).toBe("held");

    // A snapshot generated half a second after the stored revision removes it.
    const removal = await applyAll([
      doc([meeting({ updated_at: whole })]),
      doc([], { generated_at: "2025-04-20T12:00:00.500Z" }),
    ]);
    expect(removal.results[1].events.map((e) => e.type)).toEqual(["meeting.removed"]);
  });

  it("a snapshot that no longer lists an item removes it; a stale snapshot does not", async () => {
    const newer = deadline({ id: "late", updated_at: "2025-04-30T00:00:00Z" });
    const { results, state } = await applyAll([
      doc([meeting(), newer]),
      doc([], { generated_at: "2025-04-25T00:00:00Z" }),
    ]);
    expect(results[1].events.map((e) => e.kinds)).toEqual([["meeting.removed"]]);
    expect(results[1].events[0].severity).toBe("major");
    expect(state.get("meeting/m1")?.removed_at).toBe("2025-04-25T00:00:00Z");
    expect(state.get("deadline/late")?.removed_at).toBeUndefined();
    expect(results[1].stale).toBe(1);
  });

  it("a removed item that returns is announced again; updates mode never removes", async () => {
    const { results } = await applyAll([
      doc([meeting()]),
      doc([], { generated_at: "2025-04-25T00:00:00Z" }),
      doc([], { mode: "updates" }),
      doc([meeting({ updated_at: "2025-04-26T00:00:00Z" })]),
    ]);
    expect(results[2].events).toEqual([]);
    expect(results[3].events.map((e) => e.type)).toEqual(["meeting.announced"]);
  });

  it("event ids: a new id for every real change, the same id for the same change from the same state", async () => {
    const gone = doc([]);
    const back = doc([deadline()]);
    // Announced, removed, listed again unchanged, removed again: four real changes.
    const { results, state } = await applyAll([back, gone, back, gone], false);
    const ids = results.flatMap((r) => r.events.map((e) => e.id));
    expect(results.map((r) => r.events.map((e) => e.type))).toEqual([
      ["deadline.created"],
      ["deadline.removed"],
      ["deadline.created"],
      ["deadline.removed"],
    ]);
    expect(new Set(ids).size).toBe(4);
    expect(state.get("deadline/d1")).toMatchObject({ last_change: ids[3], revision: 4 });

    // Replaying the same documents from scratch mints the same ids.
    const replay = await applyAll([back, gone, back, gone], false);
    expect(replay.results.flatMap((r) => r.events.map((e) => e.id))).toEqual(ids);

    // A removal by a snapshot without generated_at: its id does not depend on when it arrived.
    const [start] = (await applyAll([back])).results;
    const removalAt = async (at: string) =>
      (
        await applyDocument({
          source: "ukraine-talks",
          state: start.updates,
          document: gone,
          receivedAt: at,
          silent: false,
        })
      ).events[0];
    const early = await removalAt("2025-04-25T00:00:00Z");
    const late = await removalAt("2025-04-26T09:30:00Z");
    expect(early.occurred_at).not.toBe(late.occurred_at);
    expect(early.id).toBe(late.id);

    // A→B→A→B: the same from/to twice, each time a new change.
    const a = deadline({ status: "open", updated_at: "2025-04-19T00:00:00Z" });
    const flips = await applyAll([
      doc([a]),
      doc([{ ...a, status: "met", updated_at: "2025-04-20T00:00:00Z" }]),
      doc([{ ...a, updated_at: "2025-04-21T00:00:00Z" }]),
      doc([{ ...a, status: "met", updated_at: "2025-04-22T00:00:00Z" }]),
    ]);
    const flipIds = flips.results.flatMap((r) => r.events.map((e) => e.id));
    expect(flipIds).toHaveLength(3);
    expect(new Set(flipIds).size).toBe(3);
  });

  it("updates mode applies revisions oldest first, whatever their order", async () => {
    const revs = [
      meeting({ updated_at: "2025-04-21T00:00:00Z", status: "held" }),
      meeting({ updated_at: "2025-04-19T00:00:00Z", status: "confirmed" }),
      meeting({ updated_at: "2025-04-20T00:00:00Z", status: "in_progress" }),
    ];
    const { results, state } = await applyAll([doc([meeting()]), doc(revs, { mode: "updates" })]);
    expect(results[1].events.map((e) => e.type)).toEqual(["meeting.confirmed", "meeting.started", "meeting.held"]);
    expect(state.get("meeting/m1")?.item.status).toBe("held");
    expect(state.get("meeting/m1")?.revision).toBe(3);
  });
});
