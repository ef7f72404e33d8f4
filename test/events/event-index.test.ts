import { describe, expect, it } from "vitest";
import { eventFilterSchema, kindMatches } from "../../src/events/event-filter.ts";
import { detectedMsOfKey, EVENT_PREFIX, eventKey } from "../../src/events/event-index.ts";

const key = (detected: string, occurred: string, id = "evt_a") =>
  eventKey({ id, detected_at: detected, occurred_at: occurred });

describe("event keys", () => {
  it("sort newest detection first, then newest occurrence, then id", () => {
    const keys = [
      key("2025-04-23T10:00:00Z", "2025-04-20T00:00:00Z"),
      key("2025-04-23T12:00:00Z", "2025-04-20T00:00:00Z"),
      key("2025-04-23T12:00:00Z", "2025-04-22T00:00:00Z"),
      key("2025-04-23T12:00:00Z", "2025-04-22T00:00:00Z", "evt_b"),
    ];
    expect([...keys].sort()).toEqual([keys[2], keys[3], keys[1], keys[0]]);
    expect(keys[0].startsWith(EVENT_PREFIX)).toBe(true);
  });

  it("give back their detection time", () => {
    expect(detectedMsOfKey(key("2025-04-23T12:00:00.250Z", "2025-04-20T00:00:00Z"))).toBe(
      Date.parse("2025-04-23T12:00:00.250Z"),
    );
  });
});

describe("event filters", () => {
  it("kind patterns: * matches all, meeting.* every meeting kind, else exact", () => {
    expect(kindMatches("*", "deadline.missed")).toBe(true);
    expect(kindMatches("meeting.*", "meeting.downgraded")).toBe(true);
    expect(kindMatches("meeting.*", "deadline.missed")).toBe(false);
    expect(kindMatches("meeting.held", "meeting.held")).toBe(true);
  });

  it("comma lists are split and trimmed; a misspelt pattern is refused", () => {
    expect(eventFilterSchema.parse({ source: " a, b ,,", kind: "meeting.*" })).toMatchObject({
      source: ["a", "b"],
      kind: ["meeting.*"],
    });
    expect(eventFilterSchema.safeParse({ type: "meetng.*" }).success).toBe(false);
    expect(eventFilterSchema.safeParse({ severity: "urgent" }).success).toBe(false);
  });
});
