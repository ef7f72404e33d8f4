/** The board's view model: countdown wording, lists by state, the timeline's steps, subscribe URLs. */
import { describe, expect, it } from "vitest";
import { buildBoard } from "../../src/board/board-model.ts";
import { countdown } from "../../src/board/countdown.ts";
import { subscribeLinks } from "../../src/board/subscribe.ts";
import { buildTimeline } from "../../src/board/timeline.ts";
import type { ChangeEvent } from "../../src/events/event.ts";
import type { Deadline, Meeting } from "../../src/model/item.ts";

const H = 3_600_000;
const base = { tags: ["Ukraine"], parties: [], timezone: "UTC", updated_at: "2025-04-18T11:30:00Z" };
const deadline = (id: string, extra: Partial<Deadline>): Deadline => ({
  ...base,
  kind: "deadline",
  id,
  title: id,
  status: "open",
  ...extra,
});
const meeting = (id: string, extra: Partial<Meeting>): Meeting => ({
  ...base,
  kind: "meeting",
  id,
  title: id,
  participants: [],
  status: "scheduled",
  ...extra,
});
const tracked = (item: Deadline | Meeting) => ({ source: "s", tracked: { item, revision: 1 } });

describe("countdown", () => {
  it("says how long until, or since, in at most two units", () => {
    expect(countdown(52 * H, 0)).toBe("in 2 days 4 h");
    expect(countdown(0, 3 * H)).toBe("lapsed 3 h ago");
    expect(countdown(3 * H - 60_000, 0)).toBe("in 2 h 59 min");
    expect(countdown(30_000, 0)).toBe("in less than a minute");
    expect(countdown(0, 25 * H, "started")).toBe("started 1 day 1 h ago");
  });
});

describe("buildBoard", () => {
  it("orders dated deadlines by due time, keeps worded ones apart and groups meetings by state", () => {
    const board = buildBoard({
      items: [
        tracked(deadline("late", { due: "2025-05-01T00:00:00Z" })),
        tracked(deadline("soon", { due: "2025-04-20" })),
        tracked(deadline("words", { due_text: "within a matter of days" })),
        tracked(deadline("met", { due: "2025-04-19", status: "met" })),
        tracked(meeting("a", { status: "held", starts_at: "2025-04-17" })),
        tracked(meeting("b", { status: "held", starts_at: "2025-04-18" })),
        tracked(meeting("c", { status: "postponed" })),
        tracked(meeting("d", { status: "in_progress" })),
        tracked(meeting("e", { status: "proposed" })),
        tracked(meeting("f", { status: "cancelled" })),
      ],
      events: [],
    });
    expect(board.dated.map((d) => d.item.id)).toEqual(["soon", "late"]);
    expect(board.dated[0].dueMs).toBe(Date.parse("2025-04-21T00:00:00Z"));
    expect(board.worded.map((d) => d.item.id)).toEqual(["words"]);
    expect(board.meetings.held.map((m) => m.item.id)).toEqual(["b", "a"]);
    expect(board.meetings.postponed.map((m) => m.item.id)).toEqual(["c"]);
    expect(board.meetings.in_progress.map((m) => m.item.id)).toEqual(["d"]);
    expect(board.meetings.upcoming.map((m) => m.item.id)).toEqual(["e"]);
    expect(board.meetings.cancelled.map((m) => m.item.id)).toEqual(["f"]);
  });

  it("narrows by tag, case-insensitively", () => {
    const items = [
      tracked(deadline("x", { due_text: "soon", tags: ["Trade"] })),
      tracked(deadline("y", { due_text: "soon" })),
    ];
    expect(buildBoard({ items, events: [], tags: ["trade"] }).worded.map((d) => d.item.id)).toEqual(["x"]);
  });
});

describe("buildTimeline", () => {
  const event = (at: string, changes: ChangeEvent["changes"]): ChangeEvent => ({
    id: `evt_${at}`,
    type: "meeting.downgraded",
    kinds: ["meeting.downgraded"],
    severity: "major",
    source: "s",
    item: meeting("m", { level: "officials", status: "held" }),
    changes,
    summary: `changed at ${at}`,
    occurred_at: at,
    detected_at: at,
  });

  it("steps a meeting's level and status from the state before its first change", () => {
    const item = meeting("m", { level: "officials", status: "held" });
    const events = [
      event("2025-04-23T17:00:00Z", [
        { field: "level", from: "ministerial", to: "officials" },
        { field: "status", from: "scheduled", to: "held" },
      ]),
    ];
    const tl = buildTimeline(item, events);
    expect(tl?.start).toMatchObject({ value: "ministerial", status: "scheduled" });
    expect(tl?.markers).toHaveLength(1);
    expect(tl?.markers[0]).toMatchObject({
      value: "officials",
      status: "held",
      summary: "changed at 2025-04-23T17:00:00Z",
    });
    expect(tl?.markers[0].y).toBeGreaterThan(tl?.start.y ?? 0);
  });

  it("follows a deadline's due date revision by revision (newest first in, oldest first out)", () => {
    const item = deadline("d", { due: "2025-05-10" });
    const events = [
      event("2025-04-20T00:00:00Z", [{ field: "due", from: "2025-05-01", to: "2025-05-10" }]),
      event("2025-04-10T00:00:00Z", [{ field: "due", from: "2025-04-20", to: "2025-05-01" }]),
    ];
    const tl = buildTimeline(item, events);
    expect([tl?.start.value, ...(tl?.markers.map((m) => m.value) ?? [])]).toEqual([
      "2025-04-20",
      "2025-05-01",
      "2025-05-10",
    ]);
    expect(buildTimeline(item, [])).toBeNull();
  });
});

describe("subscribeLinks", () => {
  it("names the view's feeds and calendar, webcal:// for calendar apps", () => {
    const l = subscribeLinks("https://p.example", { kind: "board", source: "a", tag: "x y" });
    expect(l.rss).toBe("https://p.example/feeds/changes.rss?source=a&tag=x+y");
    expect(l.webcal).toBe("webcal://p.example/feeds/calendar.ics?source=a&tag=x+y");
    const i = subscribeLinks("https://p.example", { kind: "item", source: "a", itemKind: "meeting", id: "m 1" });
    expect(i.json).toBe("https://p.example/feeds/items/a/meeting/m%201.json");
    expect(i.ics).toBe("https://p.example/feeds/items/a/meeting/m%201.ics");
  });
});
