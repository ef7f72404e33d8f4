import { describe, expect, it } from "vitest";
import { type FiredRecord, MAX_FIRED_KEYS } from "../../src/clock/clock-events.ts";
import { DEADLINE_REMINDERS, MEETING_REMINDERS } from "../../src/clock/thresholds.ts";
import type { Item } from "../../src/model/item.ts";
import { applyClock } from "../../src/track/apply-clock.ts";
import type { TrackedItem } from "../../src/track/tracked-item.ts";
import { deadline } from "../support/items.ts";

const H = 3_600_000;
const thresholds = { deadline: DEADLINE_REMINDERS, meeting: MEETING_REMINDERS };
const KEY = "deadline/d1";

/** Runs the clock over one item the way the source object does: only the returned changes are stored. */
async function run(item: Item, fired: Map<string, FiredRecord>, now: number) {
  const state = new Map<string, TrackedItem>([[KEY, { item, revision: 0 }]]);
  const r = await applyClock({ source: "s", state, fired, now, thresholds });
  const stored = new Map(fired);
  for (const [key, record] of r.fired) stored.set(key, record);
  return { r, stored };
}

describe("applyClock", () => {
  it("a due moved away and back fires no second lapse, and the record it stores stays bounded", async () => {
    const due24 = deadline({ due: "2025-04-24T12:00:00Z" });
    const due26 = deadline({ due: "2025-04-26T12:00:00Z" });
    const t = Date.parse("2025-04-24T13:00:00Z");
    const a = await run(due24, new Map(), t);
    expect(a.r.events.map((e) => e.type)).toEqual(["deadline.lapsed"]);
    const b = await run(due26, a.stored, t + H);
    expect(b.r.events.map((e) => e.summary)).toEqual([expect.stringContaining("due in 72 hours")]);
    const c = await run(due24, b.stored, t + 2 * H);
    expect(c.r.events).toEqual([]);
    // Nothing new fired, but 04-24 became the most recent due time: the reordered record is stored once.
    expect([...c.r.fired.keys()]).toEqual([KEY]);
    expect(Object.keys(c.stored.get(KEY) ?? {}).slice(-5)).toEqual(Object.keys(a.stored.get(KEY) ?? {}).map((k) => k));
    const d = await run(due24, c.stored, t + 3 * H);
    expect(d.r).toEqual({ events: [], updates: new Map(), fired: new Map() }); // idle: nothing to write
    const e = await run(due26, d.stored, t + 4 * H);
    expect(e.r.events).toEqual([]);
    expect(Object.keys(e.stored.get(KEY) ?? {}).length).toBeLessThanOrEqual(MAX_FIRED_KEYS);
  });
});
