import type { ChangeEvent } from "../../src/events/event.ts";
import type { Meeting } from "../../src/model/item.ts";

export function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    kind: "meeting",
    id: "london-talks-2025-04-23",
    title: "London talks on a Ukraine ceasefire",
    url: "https://example.org/talks/london",
    updated_at: "2025-04-23T17:00:00Z",
    tags: ["Ceasefire", "Europe"],
    parties: ["UA", "US"],
    timezone: "Europe/London",
    participants: ["A. Envoy"],
    status: "held",
    level: "officials",
    ...overrides,
  };
}

export function changeEvent(overrides: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    id: "evt_0123456789abcdef",
    type: "meeting.downgraded",
    kinds: ["meeting.downgraded", "meeting.held"],
    severity: "major",
    source: "ukraine-talks",
    item: meeting(),
    changes: [
      { field: "level", from: "ministerial", to: "officials" },
      { field: "status", from: "scheduled", to: "held" },
    ],
    summary: "London talks on a Ukraine ceasefire: downgraded from ministerial to officials; held",
    occurred_at: "2025-04-23T17:00:00Z",
    detected_at: "2025-04-23T18:05:12Z",
    ...overrides,
  };
}
