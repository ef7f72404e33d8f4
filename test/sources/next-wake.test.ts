import { describe, expect, it } from "vitest";
import { nextWake, pollDue } from "../../src/sources/next-wake.ts";

const now = Date.parse("2030-01-01T00:00:00Z");
const base = { now, pending: false, polled: false, intervalMinutes: 15, clockAt: null };

describe("nextWake", () => {
  it("nothing to do: no alarm", () => expect(nextWake(base)).toBeNull());
  it("waiting events: now, or the retry time after a failure", () => {
    expect(nextWake({ ...base, pending: true })).toBe(now);
    expect(nextWake({ ...base, pending: true, retryAt: now + 30_000 })).toBe(now + 30_000);
  });
  it("a polled source: interval after the last poll, at once when never polled", () => {
    expect(nextWake({ ...base, polled: true })).toBe(now);
    expect(nextWake({ ...base, polled: true, lastPolledAt: "2029-12-31T23:50:00Z" })).toBe(now + 5 * 60_000);
  });
  it("the earliest of poll, clock and publishing, never in the past", () => {
    const w = { ...base, polled: true, lastPolledAt: "2029-12-31T23:50:00Z", clockAt: now + 60_000 };
    expect(nextWake(w)).toBe(now + 60_000);
    expect(nextWake({ ...w, clockAt: now - 5 })).toBe(now);
  });
  it("pollDue allows 30 s of slack for alarm jitter", () => {
    expect(pollDue(true, 15, "2029-12-31T23:45:20Z", now)).toBe(true);
    expect(pollDue(true, 15, "2029-12-31T23:46:00Z", now)).toBe(false);
    expect(pollDue(false, 15, undefined, now)).toBe(false);
  });
});
