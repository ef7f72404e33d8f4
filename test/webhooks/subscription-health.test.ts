import { describe, expect, it } from "vitest";
import { toUtcIso } from "../../src/time/instant.ts";
import { disablePolicy } from "../../src/webhooks/delivery-config.ts";
import {
  DEFAULT_DISABLE_POLICY,
  disableReason,
  formatDuration,
  healthAfterAttempt,
  healthDeadLettered,
  healthDisabled,
  healthReEnabled,
} from "../../src/webhooks/subscription-health.ts";
import { emptyHealth, type SubscriptionHealthState } from "../../src/webhooks/subscription-record.ts";

const NOW = Date.parse("2026-01-10T12:00:00Z");
const DAY = 86_400_000;
const iso = toUtcIso;
const failing = (n: number, sinceMs: number): SubscriptionHealthState => ({
  ...emptyHealth(),
  consecutive_failures: n,
  failing_since: iso(sinceMs),
});

describe("disableReason: failures spread over time, not a burst", () => {
  it("keeps a healthy subscription, and one failing often but briefly, or long but rarely", () => {
    expect(disableReason(emptyHealth(), NOW, DEFAULT_DISABLE_POLICY)).toBeNull();
    // A burst: 500 failures within a second.
    expect(disableReason(failing(500, NOW - 1000), NOW, DEFAULT_DISABLE_POLICY)).toBeNull();
    // Failing for a week, but only 49 attempts.
    expect(disableReason(failing(49, NOW - 7 * DAY), NOW, DEFAULT_DISABLE_POLICY)).toBeNull();
    // Just short of 5 days.
    expect(disableReason(failing(50, NOW - 5 * DAY + 1), NOW, DEFAULT_DISABLE_POLICY)).toBeNull();
  });

  it("disables once both limits are reached, saying why", () => {
    expect(disableReason(failing(50, NOW - 5 * DAY), NOW, DEFAULT_DISABLE_POLICY)).toBe(
      "50 consecutive delivery failures over 5 days since 2026-01-05T12:00:00Z (limits: 50 failures and 5 days)",
    );
    expect(disableReason(failing(3, NOW - 2000), NOW, { maxConsecutive: 3, maxFailureMs: 2000 })).toMatch(
      /^3 consecutive delivery failures over 2 seconds since .* \(limits: 3 failures and 2 seconds\)$/,
    );
  });

  it("formats durations in the largest unit reached, to a tenth", () => {
    expect(formatDuration(5 * DAY)).toBe("5 days");
    expect(formatDuration(5 * DAY + 17_000)).toBe("5 days");
    expect(formatDuration(DAY)).toBe("1 day");
    expect(formatDuration(36 * 3_600_000)).toBe("1.5 days");
    expect(formatDuration(5_400_000)).toBe("1.5 hours");
    expect(formatDuration(90_000)).toBe("1.5 minutes");
    expect(formatDuration(1500)).toBe("2 seconds");
  });
});

describe("healthAfterAttempt", () => {
  const policy = { maxConsecutive: 3, maxFailureMs: 10_000 };

  it("a failure starts and extends the run; a success resets it", () => {
    const one = healthAfterAttempt(emptyHealth(), false, NOW, policy);
    expect(one).toEqual({
      health: { ...emptyHealth(), consecutive_failures: 1, last_failure_at: iso(NOW), failing_since: iso(NOW) },
      disable: null,
    });
    const two = healthAfterAttempt(one.health, false, NOW + 5000, policy);
    expect(two.health).toMatchObject({
      consecutive_failures: 2,
      failing_since: iso(NOW),
      last_failure_at: iso(NOW + 5000),
    });
    const ok = healthAfterAttempt({ ...two.health, dead_letters: 4 }, true, NOW + 6000, policy);
    expect(ok).toEqual({
      health: {
        consecutive_failures: 0,
        dead_letters: 4,
        last_failure_at: iso(NOW + 5000),
        last_success_at: iso(NOW + 6000),
      },
      disable: null,
    });
  });

  it("the failure that reaches both limits disables; a burst that reaches only the count does not", () => {
    let h = emptyHealth();
    for (let i = 0; i < 20; i++) {
      const t = healthAfterAttempt(h, false, NOW + i, policy);
      expect(t.disable).toBeNull();
      h = t.health;
    }
    const late = healthAfterAttempt(h, false, NOW + 10_000, policy);
    expect(late.disable).toMatch(/^21 consecutive delivery failures over 10 seconds/);
    // Never again once disabled (an attempt that was in flight).
    expect(healthAfterAttempt(late.health, false, NOW + 20_000, policy, false).disable).toBeNull();
  });

  it("disabling, re-enabling and dead letters", () => {
    const h = failing(7, NOW - DAY);
    const disabled = healthDisabled({ ...h, dead_letters: 2 }, "reason", NOW);
    expect(disabled).toMatchObject({ disabled_reason: "reason", disabled_at: iso(NOW), consecutive_failures: 7 });
    expect(healthReEnabled({ ...disabled, last_success_at: iso(NOW - 2 * DAY) })).toEqual({
      consecutive_failures: 0,
      dead_letters: 2,
      last_success_at: iso(NOW - 2 * DAY),
    });
    expect(healthDeadLettered(h).dead_letters).toBe(1);
  });
});

describe("disablePolicy (from the vars)", () => {
  it("defaults to 50 failures over 5 days", () => {
    expect(disablePolicy({})).toEqual({ maxConsecutive: 50, maxFailureMs: 5 * DAY });
  });

  it("reads days (fractions too), and seconds in their place when set", () => {
    expect(disablePolicy({ WEBHOOK_MAX_CONSECUTIVE_FAILURES: "10", WEBHOOK_MAX_FAILURE_DAYS: "0.5" })).toEqual({
      maxConsecutive: 10,
      maxFailureMs: DAY / 2,
    });
    expect(disablePolicy({ WEBHOOK_MAX_FAILURE_DAYS: "3", WEBHOOK_MAX_FAILURE_SECONDS: "2" })).toEqual({
      maxConsecutive: 50,
      maxFailureMs: 2000,
    });
    expect(disablePolicy({ WEBHOOK_MAX_FAILURE_SECONDS: "", WEBHOOK_MAX_FAILURE_DAYS: "nope" }).maxFailureMs).toBe(
      5 * DAY,
    );
  });
});
