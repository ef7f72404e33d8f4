import { describe, expect, it } from "vitest";
import { type ClockInput, clockEvents, type FiredRecord, MAX_FIRED_KEYS } from "../../src/clock/clock-events.ts";
import {
  DEADLINE_REMINDERS,
  describeDuration,
  formatDuration,
  parseDuration,
  parseThresholds,
} from "../../src/clock/thresholds.ts";
import type { ChangeEvent } from "../../src/events/event.ts";
import type { Deadline, Meeting } from "../../src/model/item.ts";

const H = 3_600_000;
const D = 24 * H;
const T = (iso: string) => Date.parse(iso);
const toIso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

function deadline(over: Partial<Deadline> = {}): Deadline {
  return {
    kind: "deadline",
    id: "minerals-deal",
    title: "Signing of the US–Ukraine critical minerals agreement",
    updated_at: "2025-04-01T00:00:00Z",
    tags: [],
    parties: [],
    timezone: "America/New_York",
    due: "2025-04-24",
    status: "open",
    ...over,
  };
}

function meeting(over: Partial<Meeting> = {}): Meeting {
  return {
    kind: "meeting",
    id: "london-talks",
    title: "London talks on a Ukraine ceasefire",
    updated_at: "2025-04-01T00:00:00Z",
    tags: [],
    parties: [],
    timezone: "Europe/London",
    starts_at: "2025-04-23T10:00:00+01:00",
    participants: [],
    status: "scheduled",
    ...over,
  };
}

/** Runs the clock at each instant, threading the fired record; returns every event emitted. */
async function runAt(
  times: number[],
  base: Omit<ClockInput, "now" | "fired">,
  fired: FiredRecord = {},
): Promise<{ events: ChangeEvent[]; fired: FiredRecord }> {
  const events: ChangeEvent[] = [];
  for (const now of times) {
    const r = await clockEvents({ ...base, fired, now });
    events.push(...r.events);
    fired = r.fired;
  }
  return { events, fired };
}

function steps(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let t = from; t <= to; t += step) out.push(t);
  return out;
}

// 2025-04-24 end of day in New York (EDT, UTC−4).
const DUE = T("2025-04-25T04:00:00Z");

describe("thresholds", () => {
  it("parses and formats durations canonically", () => {
    expect(parseDuration("7d")).toBe(7 * D);
    expect(parseDuration("72h")).toBe(72 * H);
    expect(parseDuration("30m")).toBe(30 * 60_000);
    expect(parseDuration("1h30m")).toBe(90 * 60_000);
    expect(parseDuration("1w")).toBe(7 * D);
    for (const bad of ["", "7", "h", "-1h", "1.5h", "0h", "7 days"]) expect(parseDuration(bad)).toBeNaN();
    expect(DEADLINE_REMINDERS.map((t) => formatDuration(parseDuration(t)))).toEqual(["7d", "72h", "24h", "1h"]);
    expect(formatDuration(parseDuration("3d"))).toBe("72h");
    expect(formatDuration(parseDuration("1w"))).toBe("7d");
    expect(formatDuration(parseDuration("90m"))).toBe("90m");
    expect(describeDuration(H)).toBe("1 hour");
    expect(describeDuration(72 * H)).toBe("72 hours");
    expect(describeDuration(7 * D)).toBe("7 days");
    expect(parseThresholds(["1h", "3d", "72h", "7d"]).map((t) => t.name)).toEqual(["7d", "72h", "1h"]);
    expect(() => parseThresholds(["1h", "soon"])).toThrow(/"soon"/);
  });
});

describe("clockEvents: deadlines", () => {
  it("fires each threshold exactly once across runs every 5 minutes over 8 days, then lapses once", async () => {
    const times = steps(DUE - 8 * D, DUE + 2 * D, 5 * 60_000);
    const { events } = await runAt(times, { source: "s", item: deadline() });
    expect(events.map((e) => [e.type, e.occurred_at])).toEqual([
      ["deadline.approaching", "2025-04-18T04:00:00Z"],
      ["deadline.approaching", "2025-04-22T04:00:00Z"],
      ["deadline.approaching", "2025-04-24T04:00:00Z"],
      ["deadline.approaching", "2025-04-25T03:00:00Z"],
      ["deadline.lapsed", "2025-04-25T04:00:00Z"],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(5);
    expect(events.map((e) => e.summary)).toEqual([
      "Signing of the US–Ukraine critical minerals agreement: due in 7 days (2025-04-24, end of day America/New_York)",
      "Signing of the US–Ukraine critical minerals agreement: due in 72 hours (2025-04-24, end of day America/New_York)",
      "Signing of the US–Ukraine critical minerals agreement: due in 24 hours (2025-04-24, end of day America/New_York)",
      "Signing of the US–Ukraine critical minerals agreement: due in 1 hour (2025-04-24, end of day America/New_York)",
      "Signing of the US–Ukraine critical minerals agreement: deadline lapsed (due 2025-04-24, end of day America/New_York)",
    ]);
    expect(events.map((e) => e.severity)).toEqual(["info", "info", "info", "info", "major"]);
    for (const e of events) {
      expect(e.kinds).toEqual([e.type]);
      expect(e.changes).toEqual([]);
      expect(e.source).toBe("s");
      expect(e.item).toEqual(deadline());
    }
  });

  it("a date-only due in America/New_York lapses at exactly 04:00 UTC the next day, not before", async () => {
    const item = deadline();
    const before = await clockEvents({ source: "s", item, fired: {}, now: T("2025-04-25T03:59:59.999Z") });
    expect(before.events.map((e) => e.type)).toEqual(["deadline.approaching"]);
    expect(before.events[0].summary).toContain("due in 1 hour");
    const at = await clockEvents({ source: "s", item, fired: before.fired, now: T("2025-04-25T04:00:00Z") });
    expect(at.events.map((e) => e.type)).toEqual(["deadline.lapsed"]);
    expect(at.events[0].occurred_at).toBe("2025-04-25T04:00:00Z");
    expect(at.events[0].detected_at).toBe("2025-04-25T04:00:00Z");
  });

  it("moving the due time later re-arms the reminders and the lapse", async () => {
    const item = deadline();
    const first = await runAt(steps(DUE - 8 * D, DUE + H, 5 * 60_000), { source: "s", item });
    expect(first.events).toHaveLength(5);
    // Extended by a week: the new due is 2025-05-01 end of day, seven days away.
    const moved = deadline({ due: "2025-05-01" });
    const newDue = T("2025-05-02T04:00:00Z");
    const second = await runAt(
      steps(DUE + H + 5 * 60_000, newDue + H, 5 * 60_000),
      { source: "s", item: moved },
      first.fired,
    );
    expect(second.events.map((e) => [e.type, e.occurred_at])).toEqual([
      ["deadline.approaching", "2025-04-25T04:00:00Z"], // 7d before the new due: crossed at the first run after the move
      ["deadline.approaching", "2025-04-29T04:00:00Z"],
      ["deadline.approaching", "2025-05-01T04:00:00Z"],
      ["deadline.approaching", "2025-05-02T03:00:00Z"],
      ["deadline.lapsed", "2025-05-02T04:00:00Z"],
    ]);
    const firstIds = new Set(first.events.map((e) => e.id));
    expect(second.events.some((e) => firstIds.has(e.id))).toBe(false);
    // The record keeps the old due instant's keys (moving back must not repeat them), the new ones last.
    const keys = Object.keys(second.fired);
    expect(keys).toHaveLength(10);
    expect(keys.slice(0, 5).every((k) => k.endsWith("|2025-04-25T04:00:00Z"))).toBe(true);
    expect(keys.slice(5).every((k) => k.endsWith("|2025-05-02T04:00:00Z"))).toBe(true);
  });

  it("a due time moved later by a few hours re-fires the current reminder under a new id", async () => {
    const a = await clockEvents({ source: "s", item: deadline(), fired: {}, now: DUE - 20 * H });
    expect(a.events.map((e) => e.summary)).toEqual([expect.stringContaining("due in 24 hours")]);
    const same = await clockEvents({ source: "s", item: deadline(), fired: a.fired, now: DUE - 19 * H });
    expect(same.events).toEqual([]);
    const moved = deadline({ due: "2025-04-25T06:00:00Z" });
    const b = await clockEvents({ source: "s", item: moved, fired: a.fired, now: DUE - 19 * H });
    expect(b.events.map((e) => e.occurred_at)).toEqual(["2025-04-24T06:00:00Z"]);
    expect(b.events[0].id).not.toBe(a.events[0].id);
    expect(b.events[0].summary).toContain("due in 24 hours (2025-04-25T06:00:00Z)");
  });

  it("a missed run catches up with only the current reminder and no duplicates", async () => {
    // Runs every 5 minutes until 8 days before, then nothing for 3 days.
    const early = await runAt(steps(DUE - 9 * D, DUE - 8 * D, 5 * 60_000), { source: "s", item: deadline() });
    expect(early.events).toEqual([]);
    // 5 days before due: the 7d window [−7d, −72h) is current.
    const jump = await clockEvents({ source: "s", item: deadline(), fired: early.fired, now: DUE - 5 * D });
    expect(jump.events.map((e) => e.summary)).toEqual([expect.stringContaining("due in 7 days")]);
    // Another 3-day gap to 2 days before: the 72h reminder only.
    const jump2 = await clockEvents({ source: "s", item: deadline(), fired: jump.fired, now: DUE - 2 * D });
    expect(jump2.events.map((e) => e.summary)).toEqual([expect.stringContaining("due in 72 hours")]);
    // A gap from 2 days before to 30 minutes before: 24h is skipped past, 1h is current.
    const jump3 = await clockEvents({ source: "s", item: deadline(), fired: jump2.fired, now: DUE - 30 * 60_000 });
    expect(jump3.events.map((e) => e.summary)).toEqual([expect.stringContaining("due in 1 hour")]);
    expect(jump3.fired["deadline.approaching|24h|2025-04-25T04:00:00Z"]).toBe("dropped");
    // Replaying the same run (retry) emits nothing more.
    const again = await clockEvents({ source: "s", item: deadline(), fired: jump3.fired, now: DUE - 30 * 60_000 });
    expect(again.events).toEqual([]);
    // Then regular runs resume: only the lapse remains.
    const rest = await runAt(
      steps(DUE - 25 * 60_000, DUE + D, 5 * 60_000),
      { source: "s", item: deadline() },
      jump3.fired,
    );
    expect(rest.events.map((e) => e.type)).toEqual(["deadline.lapsed"]);
  });

  it("drops the 7d reminder for a deadline that lapsed yesterday, but still fires lapsed once", async () => {
    const r = await clockEvents({ source: "s", item: deadline(), fired: {}, now: DUE + D });
    expect(r.events.map((e) => e.type)).toEqual(["deadline.lapsed"]);
    expect(r.events[0].occurred_at).toBe("2025-04-25T04:00:00Z");
    expect(r.fired["deadline.approaching|7d|2025-04-25T04:00:00Z"]).toBe("dropped");
    expect(r.fired["deadline.approaching|1h|2025-04-25T04:00:00Z"]).toBe("dropped");
    const again = await runAt(steps(DUE + D, DUE + 3 * D, H), { source: "s", item: deadline() }, r.fired);
    expect(again.events).toEqual([]);
  });

  it("graceMs drops a reminder that is late beyond the grace even inside its window", async () => {
    const late = await clockEvents({ source: "s", item: deadline(), fired: {}, now: DUE - 5 * D, graceMs: D });
    expect(late.events).toEqual([]);
    const onTime = await clockEvents({ source: "s", item: deadline(), fired: {}, now: DUE - 6.5 * D, graceMs: D });
    expect(onTime.events).toHaveLength(1);
  });

  it("met and withdrawn deadlines fire nothing, and reopening does not repeat sent reminders", async () => {
    for (const status of ["met", "withdrawn", "missed"] as const) {
      const r = await runAt(steps(DUE - 8 * D, DUE + D, H), { source: "s", item: deadline({ status }) });
      expect(r.events).toEqual([]);
    }
    const sent = await clockEvents({ source: "s", item: deadline(), fired: {}, now: DUE - 20 * H });
    expect(sent.events).toHaveLength(1);
    const met = await clockEvents({
      source: "s",
      item: deadline({ status: "met" }),
      fired: sent.fired,
      now: DUE - 10 * H,
    });
    expect(met.events).toEqual([]);
    const reopened = await clockEvents({ source: "s", item: deadline(), fired: met.fired, now: DUE - 9 * H });
    expect(reopened.events).toEqual([]);
  });

  it("a deadline with only due_text fires nothing", async () => {
    const r = await clockEvents({
      source: "s",
      item: deadline({ due: undefined, due_text: "by Easter" }),
      fired: {},
      now: DUE,
    });
    expect(r).toEqual({ events: [], fired: {} });
  });

  it("uses configured thresholds", async () => {
    const { events } = await runAt(steps(DUE - 3 * D, DUE - 1, 5 * 60_000), {
      source: "s",
      item: deadline(),
      thresholds: { deadline: ["2d", "30m"], meeting: [] },
    });
    expect(events.map((e) => [e.summary.split(": ")[1], e.occurred_at])).toEqual([
      ["due in 48 hours (2025-04-24, end of day America/New_York)", "2025-04-23T04:00:00Z"],
      ["due in 30 minutes (2025-04-24, end of day America/New_York)", "2025-04-25T03:30:00Z"],
    ]);
  });

  it("ids are stable across calls and differ by source", async () => {
    const input = { source: "s", item: deadline(), fired: {}, now: DUE - 20 * H };
    const a = await clockEvents(input);
    const b = await clockEvents({ ...input, now: DUE - 19 * H, detectedAt: "2030-01-01T00:00:00Z" });
    expect(b.events[0].id).toBe(a.events[0].id);
    expect(b.events[0].detected_at).toBe("2030-01-01T00:00:00Z");
    expect(a.events[0].id).toMatch(/^evt_[a-z2-7]{26}$/);
    const c = await clockEvents({ ...input, source: "other" });
    expect(c.events[0].id).not.toBe(a.events[0].id);
    expect(input.fired).toEqual({});
  });
});

describe("clockEvents: due moved away and back", () => {
  // The reproduced defect: due 2025-04-24T12:00Z lapses; a revision moves it to 04-26 (72h fires); another moves it
  // back to 04-24; then to 04-26 again. Each (threshold, due time) must fire once, under one id, however it moves.
  const due24 = "2025-04-24T12:00:00Z";
  const due26 = "2025-04-26T12:00:00Z";
  const src = "s";

  async function story() {
    const lapsed = await clockEvents({ source: src, item: deadline({ due: due24 }), fired: {}, now: T(due24) + H });
    const away = await clockEvents({
      source: src,
      item: deadline({ due: due26 }),
      fired: lapsed.fired,
      now: T(due24) + 2 * H,
    });
    const back = await clockEvents({
      source: src,
      item: deadline({ due: due24 }),
      fired: away.fired,
      now: T(due24) + 3 * H,
    });
    const again = await clockEvents({
      source: src,
      item: deadline({ due: due26 }),
      fired: back.fired,
      now: T(due24) + 4 * H,
    });
    return { lapsed, away, back, again };
  }

  it("lapsed, moved away, moved back: no second deadline.lapsed", async () => {
    const { lapsed, back } = await story();
    expect(lapsed.events.map((e) => e.type)).toEqual(["deadline.lapsed"]);
    expect(back.events).toEqual([]);
    // More runs at the old due time stay silent too.
    const later = await runAt(
      steps(T(due24) + 4 * H, T(due24) + 3 * D, H),
      { source: src, item: deadline({ due: due24 }) },
      back.fired,
    );
    expect(later.events).toEqual([]);
  });

  it("72h fired for 04-26, moved away, back to 04-26: no second 72h, and the key stays emitted", async () => {
    const { away, back, again } = await story();
    expect(away.events.map((e) => e.summary)).toEqual([
      expect.stringContaining("due in 72 hours (2025-04-26T12:00:00Z)"),
    ]);
    expect(back.events).toEqual([]);
    expect(again.events).toEqual([]);
    // What was sent is not rewritten as dropped, and what was dropped is not sent.
    expect(again.fired[`deadline.approaching|72h|${due26}`]).toBe("emitted");
    expect(again.fired[`deadline.approaching|7d|${due26}`]).toBe("dropped");
    expect(again.fired[`deadline.lapsed||${due24}`]).toBe("emitted");
    // The rest of 04-26's reminders and its lapse still come, once each.
    const rest = await runAt(
      steps(T(due24) + 5 * H, T(due26) + D, 5 * 60_000),
      { source: src, item: deadline({ due: due26 }) },
      again.fired,
    );
    expect(rest.events.map((e) => [e.type, e.occurred_at])).toEqual([
      ["deadline.approaching", "2025-04-25T12:00:00Z"],
      ["deadline.approaching", "2025-04-26T11:00:00Z"],
      ["deadline.lapsed", "2025-04-26T12:00:00Z"],
    ]);
  });

  it("a truly new due time still fires, under new ids", async () => {
    const { lapsed, away, again } = await story();
    const due28 = "2025-04-28T12:00:00Z";
    const r = await clockEvents({
      source: src,
      item: deadline({ due: due28 }),
      fired: again.fired,
      now: T(due24) + 5 * H,
    });
    // 2025-04-24T17:00Z is in the 7d window of 04-28 ([04-21T12, 04-25T12)).
    expect(r.events.map((e) => e.summary)).toEqual([expect.stringContaining("due in 7 days (2025-04-28T12:00:00Z)")]);
    const earlier = new Set([...lapsed.events, ...away.events].map((e) => e.id));
    expect(earlier.has(r.events[0].id)).toBe(false);
    const rest = await runAt(
      steps(T(due24) + 6 * H, T(due28) + H, 5 * 60_000),
      { source: src, item: deadline({ due: due28 }) },
      r.fired,
    );
    expect(rest.events.map((e) => [e.type, e.occurred_at])).toEqual([
      ["deadline.approaching", "2025-04-25T12:00:00Z"],
      ["deadline.approaching", "2025-04-27T12:00:00Z"],
      ["deadline.approaching", "2025-04-28T11:00:00Z"],
      ["deadline.lapsed", "2025-04-28T12:00:00Z"],
    ]);
  });

  it("meetings: starting_soon is not repeated when starts_at moves away and back", async () => {
    const at10 = "2025-04-23T10:00:00+01:00";
    const at14 = "2025-04-23T14:00:00+01:00";
    const now = T("2025-04-23T08:30:00Z"); // 30 minutes before 10:00 London
    const a = await clockEvents({ source: src, item: meeting({ starts_at: at10 }), fired: {}, now });
    expect(a.events.map((e) => e.summary)).toEqual([expect.stringContaining("starts in 1 hour")]);
    const b = await clockEvents({ source: src, item: meeting({ starts_at: at14 }), fired: a.fired, now: now + 60_000 });
    expect(b.events.map((e) => e.summary)).toEqual([expect.stringContaining("starts in 24 hours")]);
    const c = await clockEvents({
      source: src,
      item: meeting({ starts_at: at10 }),
      fired: b.fired,
      now: now + 120_000,
    });
    expect(c.events).toEqual([]);
    const d = await clockEvents({
      source: src,
      item: meeting({ starts_at: at14 }),
      fired: c.fired,
      now: now + 180_000,
    });
    expect(d.events).toEqual([]);
  });

  it("the record is bounded: never more than MAX_FIRED_KEYS keys, oldest due times dropped first", async () => {
    let fired: FiredRecord = {};
    let sizes = 0;
    const base = T("2025-01-01T00:00:00Z");
    // 40 due times, each lapsed (5 keys each with the default thresholds): 200 keys without the bound.
    for (let i = 0; i < 40; i++) {
      const due = toIso(base + i * D);
      const r = await clockEvents({ source: src, item: deadline({ due }), fired, now: base + i * D + H });
      expect(r.events.map((e) => e.type)).toEqual(["deadline.lapsed"]);
      fired = r.fired;
      sizes = Math.max(sizes, Object.keys(fired).length);
    }
    expect(MAX_FIRED_KEYS).toBe(64);
    expect(sizes).toBe(MAX_FIRED_KEYS);
    // The newest due time's keys are all there and last; the oldest due time is forgotten.
    const keys = Object.keys(fired);
    const newest = toIso(base + 39 * D);
    expect(keys.slice(-5).every((k) => k.endsWith(`|${newest}`))).toBe(true);
    expect(keys.some((k) => k.endsWith(`|${toIso(base)}`))).toBe(false);
    // A due time still remembered does not fire again; returning to it makes it the most recent.
    const kept = toIso(base + 30 * D);
    const back = await clockEvents({ source: src, item: deadline({ due: kept }), fired, now: base + 40 * D });
    expect(back.events).toEqual([]);
    expect(Object.keys(back.fired)).toHaveLength(MAX_FIRED_KEYS);
    expect(
      Object.keys(back.fired)
        .slice(-5)
        .every((k) => k.endsWith(`|${kept}`)),
    ).toBe(true);
  });

  it("an over-long stored record is cut to the bound even when the item has no due time", async () => {
    const fired: FiredRecord = {};
    for (let i = 0; i < 100; i++) fired[`deadline.lapsed||${toIso(T("2025-01-01T00:00:00Z") + i * D)}`] = "emitted";
    const r = await clockEvents({ source: src, item: deadline({ due: undefined, due_text: "soon" }), fired, now: 0 });
    expect(Object.keys(r.fired)).toEqual(Object.keys(fired).slice(100 - MAX_FIRED_KEYS));
    expect(Object.keys(fired)).toHaveLength(100); // the input is not mutated
  });

  it("a record stored before the bound (keys of one due time only) loads and is honoured", async () => {
    const stored: FiredRecord = JSON.parse(
      JSON.stringify({
        "deadline.approaching|7d|2025-04-25T04:00:00Z": "emitted",
        "deadline.approaching|72h|2025-04-25T04:00:00Z": "emitted",
        "deadline.approaching|24h|2025-04-25T04:00:00Z": "dropped",
      }),
    );
    const r = await clockEvents({ source: src, item: deadline(), fired: stored, now: DUE - 30 * 60_000 });
    expect(r.events.map((e) => e.summary)).toEqual([expect.stringContaining("due in 1 hour")]);
    expect(Object.keys(r.fired)).toEqual([...Object.keys(stored), "deadline.approaching|1h|2025-04-25T04:00:00Z"]);
  });
});

describe("clockEvents: meetings", () => {
  const START = T("2025-04-23T09:00:00Z");

  it("starting_soon fires once per threshold and never lapses", async () => {
    const { events } = await runAt(steps(START - 3 * D, START + 2 * D, 5 * 60_000), { source: "s", item: meeting() });
    expect(events.map((e) => [e.type, e.severity, e.occurred_at, e.summary])).toEqual([
      [
        "meeting.starting_soon",
        "info",
        "2025-04-22T09:00:00Z",
        "London talks on a Ukraine ceasefire: starts in 24 hours (2025-04-23T10:00:00+01:00)",
      ],
      [
        "meeting.starting_soon",
        "info",
        "2025-04-23T08:00:00Z",
        "London talks on a Ukraine ceasefire: starts in 1 hour (2025-04-23T10:00:00+01:00)",
      ],
    ]);
  });

  it("a date-only start is read as the start of that day in the meeting's zone", async () => {
    const item = meeting({ starts_at: "2025-04-23", timezone: "Europe/London" });
    const { events } = await runAt(steps(START - 3 * D, START + D, 5 * 60_000), { source: "s", item });
    expect(events.map((e) => e.occurred_at)).toEqual(["2025-04-21T23:00:00Z", "2025-04-22T22:00:00Z"]);
    expect(events[0].summary).toBe(
      "London talks on a Ukraine ceasefire: starts in 24 hours (2025-04-23, start of day Europe/London)",
    );
  });

  it("cancelled, postponed, held and in-progress meetings fire nothing", async () => {
    for (const status of ["cancelled", "postponed", "held", "in_progress"] as const) {
      const r = await runAt(steps(START - 2 * D, START + D, H), { source: "s", item: meeting({ status }) });
      expect(r.events).toEqual([]);
    }
  });
});
