/**
 * `makeEvents(n)`: n realistic, deterministic change events for the render
 * benches: meetings and deadlines, every few with markup and ampersands in
 * source text, participants and location changes, tags, newest first.
 */
import type { ChangeEvent } from "../src/events/event.ts";
import type { Deadline, Meeting } from "../src/model/item.ts";
import { toUtcIso } from "../src/time/instant.ts";

const CITIES = [
  { venue: "Lancaster House", city: "London", country: "GB" },
  { city: "Istanbul", country: "TR" },
  { venue: "Palais des Nations", city: "Geneva", country: "CH" },
  { city: "Riyadh", country: "SA" },
];
const PEOPLE = ["Keith Kellogg", "Andriy Yermak", "Marco Rubio", "Hakan Fidan", "Steve Witkoff", "Rustem Umerov"];
const BASE = Date.UTC(2025, 3, 23, 17, 0, 0);

function meetingEvent(i: number, at: number): ChangeEvent {
  const loc = CITIES[i % CITIES.length];
  const item: Meeting = {
    kind: "meeting",
    id: `talks-${i}`,
    title: `Round ${i} of talks on a ceasefire${i % 7 === 0 ? ' <draft> & "annex"' : ""}`,
    url: `https://example.org/talks/${i}?lang=en&src=feed`,
    updated_at: toUtcIso(at),
    tags: ["Ukraine", "ceasefire", `round-${i % 10}`],
    parties: ["UA", "US", "RU"],
    timezone: "Europe/London",
    starts_at: toUtcIso(at + 86_400_000),
    location: loc,
    level: "officials",
    participants: [PEOPLE[i % 6], PEOPLE[(i + 1) % 6]],
    status: "held",
  };
  const kinds =
    i % 3 === 0 ? ["meeting.relocated", "meeting.participants_changed"] : ["meeting.downgraded", "meeting.held"];
  const changes =
    i % 3 === 0
      ? [
          { field: "location", from: CITIES[(i + 1) % CITIES.length], to: loc },
          {
            field: "participants",
            from: [PEOPLE[(i + 2) % 6], PEOPLE[i % 6]],
            to: item.participants,
            added: [PEOPLE[(i + 1) % 6]],
            removed: [PEOPLE[(i + 2) % 6]],
          },
        ]
      : [
          { field: "level", from: "ministerial", to: "officials" },
          { field: "status", from: "scheduled", to: "held" },
        ];
  return {
    id: `evt_bench${String(i).padStart(21, "0")}`,
    type: kinds[0],
    kinds,
    severity: "major",
    source: "ukraine-talks",
    item,
    changes,
    summary: `${item.title}: ${i % 3 === 0 ? `relocated to ${loc.city}; participants changed` : "downgraded from ministerial to officials; held"}`,
    occurred_at: toUtcIso(at),
    detected_at: toUtcIso(at + 65_000),
  };
}

function deadlineEvent(i: number, at: number): ChangeEvent {
  const item: Deadline = {
    kind: "deadline",
    id: `deadline-${i}`,
    title: `Response to proposal #${i}`,
    updated_at: toUtcIso(at),
    tags: ["ceasefire"],
    parties: ["RU", "US"],
    timezone: "Europe/Moscow",
    due: "2025-05-15",
    status: "open",
    set_by: "US",
  };
  return {
    id: `evt_bench${String(i).padStart(21, "0")}`,
    type: "deadline.extended",
    kinds: ["deadline.extended"],
    severity: "major",
    source: "ukraine-talks",
    item,
    changes: [{ field: "due", from: "2025-04-30", to: "2025-05-15" }],
    summary: `${item.title}: extended from 2025-04-30 to 2025-05-15`,
    occurred_at: toUtcIso(at),
    detected_at: toUtcIso(at + 90_000),
  };
}

export function makeEvents(n: number): ChangeEvent[] {
  const out: ChangeEvent[] = [];
  for (let i = 0; i < n; i++) {
    const at = BASE - i * 3_600_000;
    out.push(i % 4 === 3 ? deadlineEvent(i, at) : meetingEvent(i, at));
  }
  return out;
}
