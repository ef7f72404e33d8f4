import { describe, expect, it } from "vitest";
import {
  MAX_RETRY_DELAY_SECONDS,
  nextRetryDelay,
  parseRetryAfter,
  RETRY_SCHEDULE_SECONDS,
} from "../../src/webhooks/retry-policy.ts";

const mid = () => 0.5; // no jitter
const NOW = Date.parse("2026-01-10T12:00:00Z");

describe("nextRetryDelay", () => {
  it("follows the schedule and is exhausted after the 8th attempt", () => {
    expect(RETRY_SCHEDULE_SECONDS).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    const delays = [1, 2, 3, 4, 5, 6, 7].map((a) => nextRetryDelay(a, { random: mid }));
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(nextRetryDelay(8, { random: mid })).toBeNull();
    expect(nextRetryDelay(20, { random: mid })).toBeNull();
    expect(() => nextRetryDelay(0)).toThrow(RangeError);
  });

  it("jitters by ±20%", () => {
    expect(nextRetryDelay(2, { random: () => 0 })).toBe(240);
    expect(nextRetryDelay(2, { random: () => 0.999999 })).toBe(360);
    for (let i = 0; i < 200; i++) {
      const d = nextRetryDelay(3)!;
      expect(d).toBeGreaterThanOrEqual(1440);
      expect(d).toBeLessThanOrEqual(2160);
    }
  });

  it("honours Retry-After on 429 and 503 only, as a floor, capped", () => {
    expect(nextRetryDelay(1, { status: 429, retryAfter: "120", random: mid })).toBe(120);
    expect(nextRetryDelay(1, { status: 503, retryAfter: "120", random: mid })).toBe(120);
    expect(nextRetryDelay(1, { status: 500, retryAfter: "120", random: mid })).toBe(5);
    expect(nextRetryDelay(3, { status: 429, retryAfter: "60", random: mid })).toBe(1800); // schedule is longer
    expect(nextRetryDelay(1, { status: 429, retryAfter: "999999", random: mid })).toBe(MAX_RETRY_DELAY_SECONDS);
    expect(nextRetryDelay(7, { random: () => 0.999999 })).toBe(43200); // 10 h + 20% is exactly the cap
    expect(nextRetryDelay(1, { status: 429, retryAfter: "999999", random: mid, maxDelaySeconds: 86400 })).toBe(86400);
    const date = new Date(NOW + 600_000).toUTCString();
    expect(nextRetryDelay(1, { status: 503, retryAfter: date, now: NOW, random: mid })).toBe(600);
    expect(nextRetryDelay(1, { status: 429, retryAfter: "soon", random: mid })).toBe(5);
    expect(nextRetryDelay(8, { status: 429, retryAfter: "5" })).toBeNull();
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP-dates", () => {
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter(" 30 ", NOW)).toBe(30);
    expect(parseRetryAfter("Sat, 10 Jan 2026 12:05:00 GMT", NOW)).toBe(300);
    expect(parseRetryAfter("Sat, 10 Jan 2026 11:00:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter("-5", NOW)).toBeNull();
    expect(parseRetryAfter("1.5", NOW)).toBeNull();
    expect(parseRetryAfter("tomorrow", NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter(undefined, NOW)).toBeNull();
  });
});
