/** src/calendar: items → entries → iCalendar text, read back with ical.js. */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarEntry, type EntryContext, nextDay } from "../../src/calendar/calendar-entry.ts";
import { hasVtimezone, renderCalendar } from "../../src/calendar/render-calendar.ts";
import type { Item } from "../../src/model/item.ts";
import type { TrackedItem } from "../../src/track/tracked-item.ts";
import { deadline, meeting } from "../support/items.ts";

const NOW = Date.parse("2025-04-24T00:00:00Z");
const ctx: EntryContext = { source: "talks", now: NOW, zoneOk: hasVtimezone };

function render(items: (Item | TrackedItem)[]): string {
  const entries = items
    .map((i) => ("item" in i ? i : { item: i, revision: 1 }))
    .map((t) => calendarEntry(t, ctx))
    .filter((e) => e !== null);
  return renderCalendar(entries, { name: "parley; test, calendar", refreshSeconds: 900 });
}

function events(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return { cal, events: cal.getAllSubcomponents("vevent") };
}

describe("calendar rendering", () => {
  it("writes the calendar properties, CRLF line ends and no VTODO or VALARM", () => {
    const text = render([meeting()]);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    for (const p of ["METHOD:PUBLISH", "NAME:parley\\; test\\, calendar", "X-WR-CALNAME:parley\\; test\\, calendar"])
      expect(text).toContain(`${p}\r\n`);
    expect(text).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n");
    expect(text).toContain("X-PUBLISHED-TTL:PT15M\r\n");
    expect(text).not.toMatch(/VTODO|VALARM/);
    expect(events(text).cal.getFirstPropertyValue("method")).toBe("PUBLISH");
  });

  it("gives a date-only meeting an all-day entry with an exclusive end", () => {
    const {
      events: [e],
    } = events(render([meeting({ starts_at: "2025-04-17", ends_at: "2025-04-18" })]));
    const ev = new ICAL.Event(e);
    expect(ev.startDate.isDate).toBe(true);
    expect(ev.startDate.toString()).toBe("2025-04-17");
    expect(ev.endDate.toString()).toBe("2025-04-19");
    expect(nextDay("0050-12-31")).toBe("0051-01-01");
  });

  it("writes a date-time in the item's zone with its VTIMEZONE, or in UTC", () => {
    const d = deadline({ due: "2025-07-09T00:01:00-04:00", timezone: "America/New_York" });
    const text = render([d, meeting({ id: "m2", starts_at: "2025-04-23T09:00:00Z", timezone: "UTC" })]);
    expect(text).toContain("DTSTART;TZID=America/New_York:20250709T000100\r\n");
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n");
    expect(text).toContain("DTSTART:20250423T090000Z\r\n");
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    const { cal, events: evs } = events(text);
    for (const tz of cal.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    expect(new ICAL.Event(evs[0]).startDate.toJSDate().toISOString()).toBe("2025-07-09T04:01:00.000Z");
  });

  it("keeps an alias zone's name in TZID and VTIMEZONE alike", () => {
    const text = render([meeting({ starts_at: "2025-04-23T09:00:00Z", timezone: "Europe/Kiev" })]);
    expect(text).toContain("DTSTART;TZID=Europe/Kiev:20250423T120000\r\n");
    expect(text).toContain("TZID:Europe/Kiev\r\n");
  });

  it("maps statuses and says them in the summary", () => {
    const text = render([
      meeting({ id: "a", status: "cancelled" }),
      meeting({ id: "b", status: "postponed" }),
      meeting({ id: "c", status: "held" }),
      deadline({ id: "d", status: "missed" }),
      deadline({ id: "e", status: "withdrawn" }),
      deadline({ id: "f", status: "open", due: undefined, due_text: "within days" }),
    ]);
    const got = events(text).events.map((e) => [e.getFirstPropertyValue("summary"), e.getFirstPropertyValue("status")]);
    expect(got).toEqual([
      ["Cancelled: London talks", "CANCELLED"],
      ["Postponed: London talks", "TENTATIVE"],
      ["London talks", "CONFIRMED"],
      ["Deadline missed: Minerals deal", "CONFIRMED"],
      ["Deadline withdrawn: Minerals deal", "CANCELLED"],
    ]);
  });

  it("keeps a removed item 30 days as CANCELLED, then drops it", () => {
    const removed = (at: string): TrackedItem => ({ item: meeting(), revision: 3, removed_at: at });
    const { events: evs } = events(render([removed("2025-04-01T00:00:00Z"), removed("2025-03-20T00:00:00Z")]));
    expect(evs).toHaveLength(1);
    expect(evs[0].getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(evs[0].getFirstPropertyValue("summary")).toBe("Removed: London talks");
  });

  it("describes the item and escapes text", () => {
    const t: TrackedItem = {
      item: meeting({
        summary: "Back\\slash; semi, comma\nnew line",
        level: "officials",
        participants: ["US", "UA"],
        location: { venue: "Lancaster House", city: "London", country: "GB" },
        tags: ["ukraine", "peace,talks"],
        outcome: "Held",
        url: "https://example.org/a",
      }),
      revision: 4,
      last_summary: "London talks: downgraded from ministerial to officials",
      created_at: "2025-04-10T00:00:00Z",
      changed_at: "2025-04-23T18:00:00Z",
    };
    const text = render([t]);
    expect(text).toContain("Back\\\\slash\\; semi\\, comma\\nnew line");
    const e = new ICAL.Event(events(text).events[0]);
    expect(e.description).toContain("Back\\slash; semi, comma\nnew line");
    expect(e.description).toContain("Level: officials");
    expect(e.description).toContain("Participants: US, UA");
    expect(e.description).toContain("Latest change: London talks: downgraded from ministerial to officials");
    expect(e.location).toBe("Lancaster House, London, United Kingdom");
    expect(e.sequence).toBe(4);
    expect(e.uid).toBe("meeting.m1.talks@parley");
    const comp = e.component;
    expect(comp.getAllProperties("categories").flatMap((p) => p.getValues())).toEqual(["ukraine", "peace,talks"]);
    expect(comp.getFirstPropertyValue("url")).toBe("https://example.org/a");
    expect(text).toContain("DTSTAMP:20250423T180000Z\r\n");
    expect(text).toContain("LAST-MODIFIED:20250423T180000Z\r\n");
    expect(text).toContain("CREATED:20250410T000000Z\r\n");
  });

  it("folds a long Cyrillic and emoji title at 75 octets and reads it back whole", () => {
    // 300 characters (code points), none of them a space at either end.
    const title = `${[..."Переговоры о прекращении огня 🕊️🇺🇦 ".repeat(20)].slice(0, 299).join("")}ж`;
    expect([...title]).toHaveLength(300);
    const text = render([meeting({ title })]);
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(events(text).events[0].getFirstPropertyValue("summary")).toBe(title);
  });
});
