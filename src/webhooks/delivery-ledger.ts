/**
 * The delivery ledger: in each subscription's Durable Object, one row per
 * (event, subscription) pair, so that every pair can be checked to reach a
 * final state.
 *
 *   pending        recorded when the fan-out queues it (or, for a message the
 *                  fan-out did not record, at its first attempt); waiting for
 *                  an attempt or a retry
 *   delivered      a 2xx answer
 *   dead_lettered  given up after trying: `retries_exhausted` (the schedule is
 *                  used up), `subscription_disabled` (the attempt that disabled
 *                  the subscription), `queue_gave_up` (the queue dead-lettered
 *                  the message after its consumer failed to run it)
 *   skipped        not sent: `subscription_disabled`
 *
 * A pending pair carries a due time: its message should have come up by then
 * (the retry delay plus LOST_AFTER_MS). Past it, the message is taken as lost
 * (a queue that dropped it, a local restart) and the pair is sent again by
 * the Durable Object's alarm, each time waiting twice as long. A pair in a
 * final state stays there: a second message for it is skipped as a duplicate;
 * a replay starts a pair over.
 *
 * These are pure functions of the pair and the time; the Durable Object
 * stores what they return.
 */
import { eventKey } from "../events/event-index.ts";
import { toUtcIso } from "../time/instant.ts";
import { SYSTEM_SOURCE } from "./operational-events.ts";
import type { DeliveryMessage } from "./subscription-record.ts";

export const PAIR_STATES = ["pending", "delivered", "dead_lettered", "skipped"] as const;
export type PairState = (typeof PAIR_STATES)[number];
export type PairReason = "retries_exhausted" | "subscription_disabled" | "queue_gave_up";

export interface LedgerPair {
  event_id: string;
  /** Unknown until the first attempt for an event queued by reference. */
  event_type?: string;
  state: PairState;
  /** Why a pair is dead_lettered or skipped. */
  reason?: PairReason;
  /** Attempts made (HTTP requests, or refusals of an unsafe URL). */
  attempts: number;
  last_error?: string;
  /** Sent by a replay. */
  replay: boolean;
  /** Times the alarm sent the pair again because its message was late. */
  requeues: number;
  /** ms since the epoch */
  recorded_at: number;
  updated_at: number;
  /** Pending only: when the message is taken as lost. */
  due_at?: number;
  /** Pending only: the queue message that sends it again. */
  message?: DeliveryMessage;
}

export type LedgerCounts = Record<PairState, number>;

/** How late a pending pair's message may be before it is sent again (queue latency and backlog). */
export const LOST_AFTER_MS = 15 * 60_000;
/** The longest wait between two re-sends of a lost pair. */
export const MAX_LOST_AFTER_MS = 12 * 60 * 60_000;
/** Pairs in a final state are kept this long after their last change … */
export const LEDGER_KEEP_MS = 30 * 86_400_000;
/** … and at most this many of them (the oldest go first). Pending pairs are always kept. */
export const LEDGER_MAX_FINAL = 10_000;
/** Lost pairs sent again per alarm run (one sendBatch); the rest wait for the next run. */
export const REQUEUE_BATCH = 100;

export function isFinal(state: PairState): boolean {
  return state !== "pending";
}

/**
 * The message kept to send a pair again: the event by reference into the
 * event log (where every event but a ping is written before it is queued),
 * so the ledger keeps ids, not events.
 */
export function resendForm(body: DeliveryMessage): DeliveryMessage {
  const event = body.event;
  if (!event || (event.source === SYSTEM_SOURCE && event.type === "ping")) return body;
  return {
    subscription_id: body.subscription_id,
    event_ref: { id: event.id, key: eventKey(event) },
    ...(body.replay && { replay: true as const }),
  };
}

/** The event id a queue message is about. */
export function eventIdOf(body: DeliveryMessage): string {
  return body.event?.id ?? body.event_ref?.id ?? "";
}

function pending(body: DeliveryMessage, now: number, eventType?: string): LedgerPair {
  const type = body.event?.type ?? eventType;
  return {
    event_id: eventIdOf(body),
    ...(type !== undefined && { event_type: type }),
    state: "pending",
    attempts: 0,
    replay: body.replay === true,
    requeues: 0,
    recorded_at: now,
    updated_at: now,
    due_at: now + LOST_AFTER_MS,
    message: resendForm(body),
  };
}

/**
 * The fan-out queues `body`: the pair to store, or null when the stored one
 * stays (a second message for a known pair). A replay starts the pair over,
 * with a fresh retry schedule, whatever its state.
 */
export function pairOnQueued(existing: LedgerPair | undefined, body: DeliveryMessage, now: number): LedgerPair | null {
  if (!existing) return pending(body, now);
  if (body.replay !== true) return null;
  return { ...pending(body, now, existing.event_type), recorded_at: existing.recorded_at };
}

/** How an attempt ended, for its pair. */
export type AttemptVerdict =
  | { kind: "delivered" }
  | { kind: "retry"; nextAt: number }
  | { kind: "dead_lettered"; reason: PairReason }
  | { kind: "skipped"; reason: PairReason };

export interface PairTransition {
  pair: LedgerPair;
  /** The pair became dead_lettered now (health counts it once). */
  deadLettered: boolean;
}

function settled(pair: LedgerPair, state: PairState, now: number, reason?: PairReason): LedgerPair {
  const { due_at: _d, message: _m, reason: _r, ...rest } = pair;
  return { ...rest, state, updated_at: now, ...(reason !== undefined && { reason }) };
}

/**
 * The pair after an attempt (`body` is the attempted message, for a pair the
 * fan-out did not record). Delivered is never undone; a failure leaves a final
 * pair final (an attempt in flight while the subscription was disabled).
 */
export function pairAfterAttempt(
  existing: LedgerPair | undefined,
  body: DeliveryMessage,
  verdict: AttemptVerdict,
  now: number,
  error?: string,
): PairTransition {
  const base = existing ?? pending(body, now);
  const counted: LedgerPair = {
    ...base,
    attempts: base.attempts + 1,
    updated_at: now,
    ...(body.event?.type !== undefined && { event_type: body.event.type }),
    ...(error !== undefined && { last_error: error }),
  };
  if (verdict.kind === "delivered") return { pair: settled(counted, "delivered", now), deadLettered: false };
  if (isFinal(base.state)) return { pair: counted, deadLettered: false };
  if (verdict.kind === "retry") {
    return { pair: { ...counted, due_at: verdict.nextAt + LOST_AFTER_MS }, deadLettered: false };
  }
  const pair = settled(counted, verdict.kind, now, verdict.reason);
  return { pair, deadLettered: verdict.kind === "dead_lettered" };
}

/** A message that came up while the subscription is disabled: its pair is skipped (a final pair stays). */
export function pairSkipped(
  existing: LedgerPair | undefined,
  body: DeliveryMessage,
  reason: PairReason,
  now: number,
): LedgerPair | null {
  const base = existing ?? pending(body, now);
  return isFinal(base.state) ? null : settled(base, "skipped", now, reason);
}

/** The subscription was disabled: every pending pair is skipped (their messages will not be sent). */
export function pairsSkippedOnDisable(pairs: readonly LedgerPair[], now: number): LedgerPair[] {
  return pairs.filter((p) => !isFinal(p.state)).map((p) => settled(p, "skipped", now, "subscription_disabled"));
}

/** The queue dead-lettered the message itself (its consumer kept failing): a pending pair is given up on. */
export function pairDeadLetteredByQueue(
  existing: LedgerPair | undefined,
  event: { id: string; type?: string | undefined },
  now: number,
): PairTransition | null {
  if (existing && isFinal(existing.state)) return null;
  const base: LedgerPair = existing ?? {
    event_id: event.id,
    ...(event.type !== undefined && { event_type: event.type }),
    state: "pending",
    attempts: 0,
    replay: false,
    requeues: 0,
    recorded_at: now,
    updated_at: now,
  };
  return { pair: settled(base, "dead_lettered", now, "queue_gave_up"), deadLettered: true };
}

/** A pending pair whose message is overdue at `now`: its message is taken as lost. */
export function isLost(pair: LedgerPair, now: number): boolean {
  return pair.state === "pending" && pair.due_at !== undefined && pair.due_at <= now;
}

/** A lost pair sent again at `now`: due again after twice the previous wait. */
export function pairRequeued(pair: LedgerPair, now: number): LedgerPair {
  const wait = Math.min(MAX_LOST_AFTER_MS, LOST_AFTER_MS * 2 ** (pair.requeues + 1));
  return { ...pair, requeues: pair.requeues + 1, updated_at: now, due_at: now + wait };
}

/** Final pairs last changed before this are dropped from the ledger. */
export function ledgerCutoff(now: number): number {
  return now - LEDGER_KEEP_MS;
}

/** A pair as GET /api/subscriptions/{id}/deliveries shows it: RFC 3339 times, no message. */
export interface PairView {
  event_id: string;
  event_type?: string;
  state: PairState;
  reason?: PairReason;
  attempts: number;
  last_error?: string;
  replay?: true;
  requeues?: number;
  recorded_at: string;
  updated_at: string;
  /** Pending: when it is sent again if no attempt happens before. */
  check_at?: string;
}

export function pairView(pair: LedgerPair): PairView {
  const iso = toUtcIso;
  return {
    event_id: pair.event_id,
    ...(pair.event_type !== undefined && { event_type: pair.event_type }),
    state: pair.state,
    ...(pair.reason !== undefined && { reason: pair.reason }),
    attempts: pair.attempts,
    ...(pair.last_error !== undefined && { last_error: pair.last_error }),
    ...(pair.replay && { replay: true as const }),
    ...(pair.requeues > 0 && { requeues: pair.requeues }),
    recorded_at: iso(pair.recorded_at),
    updated_at: iso(pair.updated_at),
    ...(pair.due_at !== undefined && { check_at: iso(pair.due_at) }),
  };
}
