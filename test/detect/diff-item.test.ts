import { describe, expect, it } from "vitest";
import { buildEvent } from "../../src/detect/build-event.ts";
import { diffItem } from "../../src/detect/diff-item.ts";
import type { Item } from "../../src/model/item.ts";
import { deadline, meeting } from "../support/items.ts";

const ctx = { source: "s", occurredAt: "2025-04-23T17:00:00Z", detectedAt: "2025-04-23T18:00:00Z" };

async function event(prev: Item, next: Item) {
  return buildEvent(next, diffItem(prev, next), ctx);
}

async function kinds(prev: Item, next: Item) {
  return (await event(prev, next)).kinds;
}

describe("deadline changes", () => {
  it("status changes map to met, missed, withdrawn, reopened", async () => {
    expect(await kinds(deadline(), deadline({ status: "met" }))).toEqual(["deadline.met"]);
    expect(await kinds(deadline(), deadline({ status: "missed" }))).toEqual(["deadline.missed"]);
    expect(await kinds(deadline(), deadline({ status: "withdrawn" }))).toEqual(["deadline.withdrawn"]);
    expect(await kinds(deadline({ status: "met" }), deadline())).toEqual(["deadline.reopened"]);
  });

  it("due later is extended, earlier is advanced, with from/to", async () => {
    const e = await event(deadline(), deadline({ due: "2025-05-01" }));
    expect(e.kinds).toEqual(["deadline.extended"]);
    expect(e.severity).toBe("major");
    expect(e.changes).toEqual([{ field: "due", from: "2025-04-24", to: "2025-05-01" }]);
    expect(e.summary).toBe("Minerals deal: extended from 2025-04-24 to 2025-05-01");
    expect(await kinds(deadline(), deadline({ due: "2025-04-20T12:00:00Z" }))).toEqual(["deadline.advanced"]);
  });

  it("a date-only due that moves because the zone changed says so in the summary", async () => {
    const e = await event(deadline(), deadline({ timezone: "Europe/Kyiv" }));
    expect(e.kinds).toEqual(["deadline.advanced", "deadline.updated"]);
    expect(e.summary).toBe("Minerals deal: brought forward: 2025-04-24 now read in Europe/Kyiv; timezone changed");
    const m = await event(meeting({ starts_at: "2025-04-23" }), meeting({ timezone: "America/New_York" }));
    expect(m.summary).toBe("London talks: rescheduled: 2025-04-23 now read in America/New_York; timezone changed");
  });

  it("losing due is extended; gaining one is advanced", async () => {
    expect(await kinds(deadline(), deadline({ due: undefined, due_text: "soon" }))).toEqual([
      "deadline.extended",
      "deadline.updated",
    ]);
    expect(await kinds(deadline({ due: undefined, due_text: "soon" }), deadline({ due_text: "soon" }))).toEqual([
      "deadline.advanced",
    ]);
  });

  it("a date refined to a time on the same local day is updated, not a move", async () => {
    const prev = deadline({ timezone: "America/New_York" });
    expect(await kinds(prev, deadline({ timezone: "America/New_York", due: "2025-04-24T17:00:00-04:00" }))).toEqual([
      "deadline.updated",
    ]);
    // 2025-04-25T02:00Z is still 24 April in New York: same local day.
    expect(await kinds(prev, deadline({ timezone: "America/New_York", due: "2025-04-25T02:00:00Z" }))).toEqual([
      "deadline.updated",
    ]);
    // ...but 05:00Z is already the 25th in New York: a move past the end of the 24th.
    expect(await kinds(prev, deadline({ timezone: "America/New_York", due: "2025-04-25T05:00:00Z" }))).toEqual([
      "deadline.extended",
    ]);
  });

  it("the same instant written with another offset is no change", async () => {
    const prev = deadline({ due: "2025-07-09T00:01:00-04:00" });
    expect(diffItem(prev, deadline({ due: "2025-07-09T04:01:00Z" }))).toEqual([]);
  });

  it("order and case of tags and parties are no change; updated_at alone is no change", () => {
    const prev = deadline({ tags: ["Ukraine", "trade"], parties: ["US", "Ukraine"] });
    const next = deadline({
      tags: ["trade", "ukraine"],
      parties: ["ukraine", "us"],
      updated_at: "2025-05-01T00:00:00Z",
    });
    expect(diffItem(prev, next)).toEqual([]);
  });

  it("several field updates make one updated kind and a summary naming them", async () => {
    const e = await event(deadline(), deadline({ title: "Minerals deal", summary: "new", tags: ["x"] }));
    expect(e.kinds).toEqual(["deadline.updated"]);
    expect(e.severity).toBe("minor");
    expect(e.changes.map((c) => c.field)).toEqual(["summary", "tags"]);
    expect(e.summary).toBe("Minerals deal: summary, tags changed");
  });
});

describe("meeting changes", () => {
  it("the London example: downgraded, held, updated in table order", async () => {
    const prev = meeting({ level: "ministerial", summary: "Follow-up" });
    const next = meeting({ level: "officials", status: "held", summary: "Officials met", updated_at: ctx.occurredAt });
    const e = await event(prev, next);
    expect(e.type).toBe("meeting.downgraded");
    expect(e.kinds).toEqual(["meeting.downgraded", "meeting.held", "meeting.updated"]);
    expect(e.severity).toBe("major");
    expect(e.changes).toEqual([
      { field: "level", from: "ministerial", to: "officials" },
      { field: "status", from: "scheduled", to: "held" },
      { field: "summary", from: "Follow-up", to: "Officials met" },
    ]);
    expect(e.summary).toBe("London talks: downgraded from ministerial to officials; held; summary changed");
  });

  it("upgraded; gaining or losing a level is updated", async () => {
    expect(await kinds(meeting({ level: "envoy" }), meeting({ level: "leaders" }))).toEqual(["meeting.upgraded"]);
    expect(await kinds(meeting(), meeting({ level: "envoy" }))).toEqual(["meeting.updated"]);
    expect(await kinds(meeting({ level: "envoy" }), meeting())).toEqual(["meeting.updated"]);
  });

  it("status values: cancelled, postponed, started, confirmed, scheduled; proposed is updated", async () => {
    expect(await kinds(meeting(), meeting({ status: "cancelled" }))).toEqual(["meeting.cancelled"]);
    expect(await kinds(meeting(), meeting({ status: "postponed" }))).toEqual(["meeting.postponed"]);
    expect(await kinds(meeting(), meeting({ status: "in_progress" }))).toEqual(["meeting.started"]);
    expect(await kinds(meeting(), meeting({ status: "confirmed" }))).toEqual(["meeting.confirmed"]);
    expect(await kinds(meeting({ status: "proposed" }), meeting())).toEqual(["meeting.scheduled"]);
    expect(await kinds(meeting(), meeting({ status: "proposed" }))).toEqual(["meeting.updated"]);
    expect((await event(meeting(), meeting({ status: "confirmed" }))).severity).toBe("minor");
  });

  it("rescheduled on a moved start or end; a refined start on the same day is updated", async () => {
    expect(await kinds(meeting(), meeting({ starts_at: "2025-04-24" }))).toEqual(["meeting.rescheduled"]);
    expect(await kinds(meeting(), meeting({ starts_at: "2025-04-23T10:00:00+01:00" }))).toEqual(["meeting.updated"]);
    expect(
      await kinds(meeting({ ends_at: "2025-04-23T12:00:00Z" }), meeting({ ends_at: "2025-04-23T15:00:00Z" })),
    ).toEqual(["meeting.rescheduled"]);
  });

  it("location compared as a whole: adding a city is relocated", async () => {
    const e = await event(
      meeting({ location: { country: "GB" } }),
      meeting({ location: { city: "London", country: "GB" } }),
    );
    expect(e.kinds).toEqual(["meeting.relocated"]);
    expect(e.summary).toBe("London talks: moved from GB to London, GB");
  });

  it("participants changed lists who was added and removed, case-insensitively", async () => {
    const e = await event(
      meeting({ participants: ["United States", "Ukraine"] }),
      meeting({ participants: ["ukraine", "France"] }),
    );
    expect(e.kinds).toEqual(["meeting.participants_changed"]);
    expect(e.changes[0]).toMatchObject({ field: "participants", added: ["France"], removed: ["United States"] });
    expect(e.summary).toBe("London talks: participants +France, −United States");
  });
});

describe("event ids", () => {
  it("are stable for the same change and differ for another", async () => {
    const a = await event(meeting(), meeting({ status: "held" }));
    const b = await buildEvent(meeting({ status: "held" }), diffItem(meeting(), meeting({ status: "held" })), {
      ...ctx,
      detectedAt: "2030-01-01T00:00:00Z",
    });
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^evt_[a-z2-7]{26}$/);
    const c = await event(meeting(), meeting({ status: "cancelled" }));
    expect(c.id).not.toBe(a.id);
  });
});
