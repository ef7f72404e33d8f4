/** Builders for items in tests: a valid base with overrides. */
import type { Deadline, Meeting } from "../../src/model/item.ts";

export function deadline(over: Partial<Deadline> = {}): Deadline {
  return {
    kind: "deadline",
    id: "d1",
    title: "Minerals deal",
    updated_at: "2025-04-18T00:00:00Z",
    tags: [],
    parties: [],
    timezone: "UTC",
    status: "open",
    due: "2025-04-24",
    ...over,
  };
}

export function meeting(over: Partial<Meeting> = {}): Meeting {
  return {
    kind: "meeting",
    id: "m1",
    title: "London talks",
    updated_at: "2025-04-18T00:00:00Z",
    tags: [],
    parties: [],
    timezone: "Europe/London",
    participants: [],
    status: "scheduled",
    starts_at: "2025-04-23",
    ...over,
  };
}
