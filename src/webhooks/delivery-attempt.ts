/**
 * The rules of one delivery attempt, as pure functions: whether a queue
 * message is attempted at all, and what the attempt's outcome does to the
 * subscription's health, to the pair in the ledger, to the delivery log and
 * to the queue message. Every message ends delivered, retried, dead-lettered
 * or skipped, with the reason recorded; none is acked silently.
 */
import type { ChangeEvent } from "../events/event.ts";
import { toUtcIso } from "../time/instant.ts";
import {
  type AttemptVerdict,
  isFinal,
  type LedgerPair,
  type PairReason,
  pairAfterAttempt,
  pairDeadLetteredByQueue,
  pairSkipped,
} from "./delivery-ledger.ts";
import type { DeliveryLogEntry } from "./delivery-log.ts";
import type { AttemptOutcome } from "./post-webhook.ts";
import { nextRetryDelay } from "./retry-policy.ts";
import { type DisablePolicy, healthAfterAttempt, healthDeadLettered } from "./subscription-health.ts";
import type { DeliveryMessage, SubscriptionHealthState } from "./subscription-record.ts";

/** What the queue consumer does with the message. */
export type DeliveryDecision =
  | { action: "ack"; result: "delivered" | "dead_lettered" | "skipped" | "gone" }
  | { action: "retry"; delaySeconds: number };

export type AttemptPlan = { kind: "attempt"; attempt: number } | { kind: "skip"; why: "disabled" | "duplicate" };

/**
 * Whether a message is attempted: not while the subscription is disabled, nor
 * for a pair already final (a duplicate message). Its attempt number is the
 * larger of the message's and the pair's next: a message sent again by the
 * ledger check continues its pair's retry schedule instead of restarting it.
 */
export function planAttempt(pair: LedgerPair | undefined, messageAttempts: number, enabled: boolean): AttemptPlan {
  if (!enabled) return { kind: "skip", why: "disabled" };
  if (pair && isFinal(pair.state)) return { kind: "skip", why: "duplicate" };
  return { kind: "attempt", attempt: Math.max(messageAttempts, (pair?.attempts ?? 0) + 1) };
}

export interface AttemptInput {
  subscriptionId: string;
  /** The queue message as attempted. */
  message: DeliveryMessage;
  event: ChangeEvent;
  attempt: number;
  /** ms since the epoch: when the request started and when its outcome came. */
  started: number;
  finished: number;
  outcome: AttemptOutcome;
  /** Whether the subscription is still enabled when the outcome comes. */
  enabled: boolean;
  health: SubscriptionHealthState;
  pair: LedgerPair | undefined;
  schedule: readonly number[];
  policy: DisablePolicy;
  random?: () => number;
}

export interface AttemptResolution {
  health: SubscriptionHealthState;
  pair: LedgerPair;
  /** Disable the subscription now, for this reason (this attempt tripped the limits). */
  disable: string | null;
  /** Delivery log entries to append, oldest first. */
  log: DeliveryLogEntry[];
  decision: DeliveryDecision;
}

function verdictOf(input: AttemptInput, disable: string | null): AttemptVerdict {
  if (input.outcome.ok) return { kind: "delivered" };
  if (disable) return { kind: "dead_lettered", reason: "subscription_disabled" };
  if (!input.enabled) return { kind: "skipped", reason: "subscription_disabled" };
  const delay = nextRetryDelay(input.attempt, {
    status: input.outcome.status,
    retryAfter: input.outcome.retryAfter,
    schedule: input.schedule,
    now: input.finished,
    ...(input.random && { random: input.random }),
  });
  if (delay === null) return { kind: "dead_lettered", reason: "retries_exhausted" };
  return { kind: "retry", nextAt: input.finished + delay * 1000 };
}

function deadLetterError(reason: PairReason | undefined, input: AttemptInput, disable: string | null): string {
  if (reason === "subscription_disabled") return `subscription disabled: ${disable ?? "while the attempt ran"}`;
  return (
    `gave up after ${input.attempt} attempts; replay it with ` +
    `POST /api/subscriptions/${input.subscriptionId}/replay once the receiver works`
  );
}

/** The outcome of an attempt applied to health, ledger pair, log and queue message. */
export function resolveAttempt(input: AttemptInput): AttemptResolution {
  const { outcome, event } = input;
  // Health times are the attempts' (as in the log); retries count from when the outcome came.
  const step = healthAfterAttempt(input.health, outcome.ok, input.started, input.policy, input.enabled);
  const verdict = verdictOf(input, step.disable);
  const { pair, deadLettered } = pairAfterAttempt(input.pair, input.message, verdict, input.finished, outcome.error);
  const base = {
    event_id: event.id,
    event_type: event.type,
    attempt: input.attempt,
    ...(input.message.replay && { replay: true as const }),
  };
  const entry: DeliveryLogEntry = {
    at: toUtcIso(input.started),
    ...base,
    result: outcome.ok ? "delivered" : "failed",
    ...(outcome.status !== undefined && { status: outcome.status }),
    duration_ms: outcome.durationMs,
    ...(outcome.error !== undefined && { error: outcome.error }),
    ...(verdict.kind === "retry" && pair.state === "pending" && { next_retry_at: toUtcIso(verdict.nextAt) }),
  };
  const log = [entry];
  if (deadLettered) {
    const error = deadLetterError(pair.reason, input, step.disable);
    log.push({ at: toUtcIso(input.finished), ...base, result: "dead_letter", error });
  }
  return {
    health: deadLettered ? healthDeadLettered(step.health) : step.health,
    pair,
    disable: step.disable,
    log,
    decision: decisionOf(pair, verdict, input.finished),
  };
}

function decisionOf(pair: LedgerPair, verdict: AttemptVerdict, now: number): DeliveryDecision {
  if (pair.state === "pending" && verdict.kind === "retry") {
    return { action: "retry", delaySeconds: Math.max(1, Math.round((verdict.nextAt - now) / 1000)) };
  }
  return { action: "ack", result: pair.state === "pending" ? "skipped" : pair.state };
}

export interface SkipInput {
  subscriptionId: string;
  why: "disabled" | "duplicate";
  message: DeliveryMessage;
  event: Pick<ChangeEvent, "id" | "type">;
  messageAttempts: number;
  pair: LedgerPair | undefined;
  now: number;
  /** health.disabled_reason, for a disabled subscription. */
  disabledReason?: string;
}

/** A message not attempted: its pair (skipped, or null when the stored one stays) and its log entry. */
export function resolveSkip(input: SkipInput): { pair: LedgerPair | null; log: DeliveryLogEntry } {
  const { pair: existing, why } = input;
  const pair = why === "disabled" ? pairSkipped(existing, input.message, "subscription_disabled", input.now) : null;
  const error =
    why === "disabled"
      ? `subscription disabled: ${input.disabledReason ?? "disabled by an administrator"}`
      : `already ${existing?.state ?? "final"}: a duplicate message; ` +
        `POST /api/subscriptions/${input.subscriptionId}/replay sends it again`;
  return {
    pair,
    log: {
      at: toUtcIso(input.now),
      event_id: input.event.id,
      event_type: input.event.type,
      attempt: input.messageAttempts,
      result: "skipped",
      error,
      ...(input.message.replay && { replay: true as const }),
    },
  };
}

export interface QueueDeadLetterInput {
  subscriptionId: string;
  /** The event's type is unknown when it is not readable (a message by reference). */
  event: { id: string; type?: string | undefined };
  attempts: number | undefined;
  replay: boolean;
  pair: LedgerPair | undefined;
  health: SubscriptionHealthState;
  now: number;
}

/**
 * The queue dead-lettered a message itself (its consumer failed to run it
 * every time): the pair is given up on and counted, unless it is already final
 * (then null: nothing changes).
 */
export function resolveQueueDeadLetter(
  input: QueueDeadLetterInput,
): { pair: LedgerPair; health: SubscriptionHealthState; log: DeliveryLogEntry } | null {
  const step = pairDeadLetteredByQueue(input.pair, input.event, input.now);
  if (!step) return null;
  const attempts = input.attempts ?? "all";
  return {
    pair: step.pair,
    health: healthDeadLettered(input.health),
    log: {
      at: toUtcIso(input.now),
      event_id: input.event.id,
      event_type: input.event.type ?? step.pair.event_type ?? "unknown",
      ...(input.attempts !== undefined && { attempt: input.attempts }),
      result: "dead_letter",
      error:
        `the queue gave up after ${attempts} attempts (its consumer failed to run); replay it with ` +
        `POST /api/subscriptions/${input.subscriptionId}/replay once the receiver works`,
      ...(input.replay && { replay: true as const }),
    },
  };
}
