import { describe, expect, it } from "vitest";
import { clockEvents } from "../../src/clock/clock-events.ts";
import { nextClockAt, nextItemClock } from "../../src/clock/next-clock.ts";
import { DEADLINE_REMINDERS, MEETING_REMINDERS } from "../../src/clock/thresholds.ts";
import { deadline, meeting } from "../support/items.ts";

const thresholds = { deadline: DEADLINE_REMINDERS, meeting: MEETING_REMINDERS };
const H = 3_600_000;
const due = Date.parse("2030-04-24T12:00:00Z");

describe("nextItemClock: when an item's clock next has something to do", () => {
  it("the next reminder moment, then the next, then the due time; nothing after the lapse", async () => {
    let fired = {};
    const item = deadline({ due: "2030-04-24T12:00:00Z" });
    let now = due - 30 * 24 * H;
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) {
      const at = nextItemClock(item, fired, now, thresholds);
      if (at === null) break;
      seen.push(at);
      now = at;
      fired = (await clockEvents({ source: "s", item, fired, now, thresholds })).fired;
    }
    expect(seen).toEqual([due - 7 * 24 * H, due - 72 * H, due - 24 * H, due - H, due]);
  });

  it("something already due and not fired is due at once; an item not eligible has no clock", () => {
    const now = due + H;
    expect(nextItemClock(deadline({ due: "2030-04-24T12:00:00Z" }), {}, now, thresholds)).toBe(now + 1);
    expect(nextItemClock(deadline({ due: "2030-04-24T12:00:00Z", status: "met" }), {}, now, thresholds)).toBeNull();
    expect(nextItemClock(deadline({ due: undefined, due_text: "within days" }), {}, now, thresholds)).toBeNull();
    expect(
      nextItemClock(meeting({ starts_at: "2030-04-24T12:00:00Z", status: "cancelled" }), {}, now, thresholds),
    ).toBeNull();
  });

  it("over a source: the earliest live item's moment; removed items are skipped", () => {
    const now = due - 30 * 24 * H;
    const items = [
      { key: "deadline/a", item: deadline({ id: "a", due: "2030-04-24T12:00:00Z" }), removed: false },
      { key: "meeting/m", item: meeting({ starts_at: "2030-04-20T12:00:00Z" }), removed: false },
      { key: "deadline/b", item: deadline({ id: "b", due: "2030-04-10T12:00:00Z" }), removed: true },
    ];
    expect(nextClockAt(items, new Map(), now, thresholds)).toBe(Date.parse("2030-04-17T12:00:00Z"));
    expect(nextClockAt([], new Map(), now, thresholds)).toBeNull();
  });
});
