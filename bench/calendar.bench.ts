/**
 * Rendering a calendar of 1,000 items: parley's src/calendar (entries, then
 * VEVENTs written by hand with VTIMEZONE blocks and zoned times) beside the same
 * events through the `ics` package (UTC times, no zones), and, for scale,
 * through ical-generator with its plain defaults (UTC Dates, no zones).
 * Goal: no slower than the peer, and under 20 ms for 1,000 items.
 */
import ical from "ical-generator";
import { createEvents, type EventAttributes } from "ics";
import { type CalendarEntry, calendarEntry } from "../src/calendar/calendar-entry.ts";
import { hasVtimezone, renderCalendar } from "../src/calendar/render-calendar.ts";
import type { Deadline, Meeting } from "../src/model/item.ts";
import type { TrackedItem } from "../src/track/tracked-item.ts";
import { compare } from "./compare.ts";

const ZONES = ["Europe/London", "America/New_York", "Europe/Paris", "Asia/Tokyo", "UTC"];

function makeItems(n: number): TrackedItem[] {
  const items: TrackedItem[] = [];
  for (let i = 0; i < n; i++) {
    const day = `2025-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;
    const base = {
      id: `item-${i}`,
      title: i % 10 === 0 ? `Переговоры о прекращении огня №${i} 🕊️` : `Talks on a ceasefire, round ${i}`,
      summary: "Follow-up meeting; likely to decide whether the US keeps its lead role.",
      updated_at: "2025-04-18T11:30:00Z",
      tags: ["ukraine", "peace-talks"],
      parties: ["United States", "Ukraine"],
      timezone: ZONES[i % ZONES.length],
    };
    const item: Meeting | Deadline =
      i % 3 === 0
        ? { ...base, kind: "deadline", status: "open", due: i % 2 ? day : `${day}T00:01:00-04:00`, due_text: "in days" }
        : {
            ...base,
            kind: "meeting",
            status: i % 7 === 0 ? "cancelled" : "scheduled",
            starts_at: i % 2 ? day : `${day}T10:00:00Z`,
            ...(i % 2 === 0 && { ends_at: `${day}T12:00:00Z` }),
            location: { city: "London", country: "GB" },
            level: "ministerial",
            participants: ["United States", "Ukraine", "United Kingdom"],
          };
    items.push({ item, revision: 3, last_summary: "downgraded from ministerial to officials" });
  }
  return items;
}

const META = { name: "parley: meetings and deadlines", refreshSeconds: 900 };

function entries(items: TrackedItem[]): CalendarEntry[] {
  const now = Date.parse("2025-04-24T00:00:00Z");
  const out: CalendarEntry[] = [];
  for (const t of items) {
    const e = calendarEntry(t, { source: "ukraine-talks", now, zoneOk: hasVtimezone });
    if (e) out.push(e);
  }
  return out;
}

function utcParts(ms: number): [number, number, number, number, number] {
  const d = new Date(ms);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

function icsEvents(list: CalendarEntry[]): EventAttributes[] {
  return list.map((e) => {
    const w = e.when;
    const times = w.allDay
      ? {
          start: w.start.split("-").map(Number) as [number, number, number],
          end: w.end.split("-").map(Number) as [number, number, number],
        }
      : {
          start: utcParts(w.start),
          startInputType: "utc" as const,
          startOutputType: "utc" as const,
          end: utcParts(w.end ?? w.start),
          endInputType: "utc" as const,
          endOutputType: "utc" as const,
        };
    return {
      ...times,
      uid: e.uid,
      sequence: e.sequence,
      title: e.summary,
      description: e.description,
      ...(e.location !== undefined && { location: e.location }),
      categories: e.categories,
      status: e.status,
      created: utcParts(e.created),
      lastModified: utcParts(e.modified),
      productId: "parley",
      method: "PUBLISH",
      calName: META.name,
    } as EventAttributes;
  });
}

function plainIcalGenerator(list: CalendarEntry[]): string {
  const cal = ical({ name: META.name, ttl: META.refreshSeconds });
  for (const e of list) {
    const w = e.when;
    cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      start: new Date(w.allDay ? Date.parse(w.start) : w.start),
      ...(w.allDay ? { allDay: true, end: new Date(Date.parse(w.end)) } : w.end ? { end: new Date(w.end) } : {}),
      summary: e.summary,
      description: e.description,
      status: e.status as never,
    });
  }
  return cal.toString();
}

export default async function () {
  const items = makeItems(1000);
  const list = entries(items);
  const ours = () => renderCalendar(entries(items), META);
  const peer = () => {
    const r = createEvents(icsEvents(list));
    if (r.error) throw r.error;
    return r.value;
  };
  console.log(`entries: ${list.length}; output: parley ${ours().length} chars, ics ${peer()?.length} chars`);
  await compare({
    title: "iCalendar, 1,000 items (parley: zones and VTIMEZONE; ics: UTC)",
    ours: { name: "parley entries + renderCalendar", fn: ours },
    peer: { name: "ics createEvents", fn: peer },
    goal: "≥ 1× the peer, < 20 ms",
    iterations: 5,
  });
  await compare({
    title: "for scale: ical-generator with its plain defaults (UTC Dates, fewer fields)",
    ours: { name: "parley entries + renderCalendar", fn: ours },
    peer: { name: "ical-generator plain", fn: () => plainIcalGenerator(list) },
    iterations: 10,
  });
}
