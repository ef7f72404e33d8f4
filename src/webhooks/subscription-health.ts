/**
 * A subscription's health as delivery attempts come in, and when it is
 * disabled.
 *
 * A success ends the run of failures; a failure extends it (and starts it,
 * setting `failing_since`). A subscription is disabled only when its receiver
 * has been failing both long and often: the run has lasted at least
 * `maxFailureMs` (WEBHOOK_MAX_FAILURE_DAYS, 5 days, as Svix) AND holds at
 * least `maxConsecutive` attempts (WEBHOOK_MAX_CONSECUTIVE_FAILURES, 50). A
 * burst of events to a receiver that is down for a second fails many
 * attempts in no time: that disables nothing, the retries deliver them.
 */
import { DEFAULTS } from "../config/defaults.ts";
import { toUtcIso } from "../time/instant.ts";
import { emptyHealth, type SubscriptionHealthState } from "./subscription-record.ts";

const DAY_MS = 86_400_000;

export interface DisablePolicy {
  /** Failed attempts in a row (WEBHOOK_MAX_CONSECUTIVE_FAILURES) … */
  maxConsecutive: number;
  /** … over at least this long since the run's first failure (WEBHOOK_MAX_FAILURE_DAYS, or WEBHOOK_MAX_FAILURE_SECONDS). */
  maxFailureMs: number;
}

export const DEFAULT_DISABLE_POLICY: DisablePolicy = {
  maxConsecutive: DEFAULTS.webhookMaxConsecutiveFailures,
  maxFailureMs: DEFAULTS.webhookMaxFailureDays * DAY_MS,
};

/** "5 days", "1 day", "5.2 days", "1.5 hours", "2 seconds": the largest unit reached, to a tenth (seconds whole). */
export function formatDuration(ms: number): string {
  const unit = (n: number, name: string) => `${n} ${name}${n === 1 ? "" : "s"}`;
  for (const [size, name] of [
    [DAY_MS, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
  ] as const) {
    if (ms >= size) return unit(Math.round((ms / size) * 10) / 10, name);
  }
  return unit(Math.round(ms / 1000), "second");
}

/**
 * Why the subscription must be disabled at `now` (ms), or null to keep it:
 * both limits of `policy` are reached by the current run of failures.
 */
export function disableReason(health: SubscriptionHealthState, now: number, policy: DisablePolicy): string | null {
  const n = health.consecutive_failures;
  if (n <= 0 || n < policy.maxConsecutive || health.failing_since === undefined) return null;
  const since = Date.parse(health.failing_since);
  if (!(now - since >= policy.maxFailureMs)) return null;
  return (
    `${n} consecutive delivery failures over ${formatDuration(now - since)} since ${health.failing_since} ` +
    `(limits: ${policy.maxConsecutive} failures and ${formatDuration(policy.maxFailureMs)})`
  );
}

export interface HealthTransition {
  health: SubscriptionHealthState;
  /** The reason to disable the subscription now, or null. Never set for a success or an already disabled one. */
  disable: string | null;
}

/**
 * The health after one attempt that ended at `now` (ms): a success resets the
 * run, a failure counts. `enabled` is whether the subscription still is
 * (an attempt in flight while it was disabled counts, but disables nothing).
 */
export function healthAfterAttempt(
  health: SubscriptionHealthState,
  ok: boolean,
  now: number,
  policy: DisablePolicy,
  enabled = true,
): HealthTransition {
  const at = toUtcIso(now);
  if (ok) {
    const { failing_since: _, ...rest } = health;
    return { health: { ...rest, last_success_at: at, consecutive_failures: 0 }, disable: null };
  }
  const next: SubscriptionHealthState = {
    ...health,
    consecutive_failures: health.consecutive_failures + 1,
    last_failure_at: at,
    failing_since: health.failing_since ?? at,
  };
  return { health: next, disable: enabled ? disableReason(next, now, policy) : null };
}

/** The health of a subscription disabled at `now` for `reason` (the failure run stays visible). */
export function healthDisabled(health: SubscriptionHealthState, reason: string, now: number): SubscriptionHealthState {
  return { ...health, disabled_reason: reason, disabled_at: toUtcIso(now) };
}

/** Re-enabled by an administrator: a new run starts; the last success and the dead-letter count stay. */
export function healthReEnabled(health: SubscriptionHealthState): SubscriptionHealthState {
  const { last_success_at, dead_letters, publish_error } = health;
  return {
    ...emptyHealth(),
    dead_letters,
    ...(last_success_at !== undefined && { last_success_at }),
    ...(publish_error !== undefined && { publish_error }),
  };
}

/** One more (event, subscription) pair given up on. */
export function healthDeadLettered(health: SubscriptionHealthState): SubscriptionHealthState {
  return { ...health, dead_letters: health.dead_letters + 1 };
}
