import { describe, expect, it } from "vitest";
import { matchesSubscription } from "../../src/webhooks/subscription-filter.ts";
import { changeEvent, meeting } from "./fixtures.ts";

describe("matchesSubscription", () => {
  const ev = changeEvent();

  it("matches everything with no filter", () => {
    expect(matchesSubscription(ev, {})).toBe(true);
    expect(matchesSubscription(ev, { types: [], tags: [] })).toBe(true);
  });

  it("matches types against ANY of the event's kinds, with prefix globs", () => {
    expect(matchesSubscription(ev, { types: ["meeting.held"] })).toBe(true); // not the type, a secondary kind
    expect(matchesSubscription(ev, { types: ["meeting.*"] })).toBe(true);
    expect(matchesSubscription(ev, { types: ["*"] })).toBe(true);
    expect(matchesSubscription(ev, { types: ["deadline.*", "meeting.cancelled"] })).toBe(false);
    expect(matchesSubscription(ev, { types: ["deadline.missed", "meeting.downgraded"] })).toBe(true);
    // a glob is a prefix up to the dot, not a substring
    const src = changeEvent({ type: "source.failing", kinds: ["source.failing"], item: { kind: "source", id: "s" } });
    expect(matchesSubscription(src, { types: ["subscription.*"] })).toBe(false);
    expect(matchesSubscription(src, { types: ["source.*"] })).toBe(true);
  });

  it("matches sources exactly", () => {
    expect(matchesSubscription(ev, { sources: ["other", "ukraine-talks"] })).toBe(true);
    expect(matchesSubscription(ev, { sources: ["Ukraine-Talks"] })).toBe(false);
  });

  it("matches tags case-insensitively against the item's tags", () => {
    expect(matchesSubscription(ev, { tags: ["ceasefire"] })).toBe(true);
    expect(matchesSubscription(ev, { tags: ["EUROPE", "x"] })).toBe(true);
    expect(matchesSubscription(ev, { tags: ["asia"] })).toBe(false);
    const untagged = changeEvent({ item: meeting({ tags: [] }) });
    expect(matchesSubscription(untagged, { tags: ["ceasefire"] })).toBe(false);
    const op = changeEvent({ type: "source.failing", kinds: ["source.failing"], item: { kind: "source", id: "s" } });
    expect(matchesSubscription(op, { tags: ["ceasefire"] })).toBe(false);
  });

  it("matches items by kind/id or plain id", () => {
    expect(matchesSubscription(ev, { items: ["meeting/london-talks-2025-04-23"] })).toBe(true);
    expect(matchesSubscription(ev, { items: ["london-talks-2025-04-23"] })).toBe(true);
    expect(matchesSubscription(ev, { items: ["deadline/london-talks-2025-04-23"] })).toBe(false);
    expect(matchesSubscription(ev, { items: ["other"] })).toBe(false);
  });

  it("treats severity as a minimum", () => {
    expect(matchesSubscription(ev, { severity: "major" })).toBe(true);
    expect(matchesSubscription(ev, { severity: "info" })).toBe(true);
    const minor = changeEvent({ severity: "minor" });
    expect(matchesSubscription(minor, { severity: "minor" })).toBe(true);
    expect(matchesSubscription(minor, { severity: "major" })).toBe(false);
    expect(matchesSubscription(changeEvent({ severity: "info" }), { severity: "minor" })).toBe(false);
  });

  it("requires every present filter to match", () => {
    expect(matchesSubscription(ev, { types: ["meeting.*"], sources: ["ukraine-talks"], severity: "major" })).toBe(true);
    expect(matchesSubscription(ev, { types: ["meeting.*"], sources: ["elsewhere"] })).toBe(false);
  });

  it("never matches a ping, even with a catch-all filter", () => {
    const ping = changeEvent({ type: "ping", kinds: ["ping"], severity: "info", item: { kind: "ping", id: "p1" } });
    expect(matchesSubscription(ping, {})).toBe(false);
    expect(matchesSubscription(ping, { types: ["*"] })).toBe(false);
    expect(matchesSubscription(ping, { types: ["ping"] })).toBe(false);
  });
});
