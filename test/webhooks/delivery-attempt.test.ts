import { describe, expect, it } from "vitest";
import {
  type AttemptInput,
  planAttempt,
  resolveAttempt,
  resolveQueueDeadLetter,
  resolveSkip,
} from "../../src/webhooks/delivery-attempt.ts";
import { type LedgerPair, LOST_AFTER_MS, pairAfterAttempt, pairOnQueued } from "../../src/webhooks/delivery-ledger.ts";
import { emptyHealth } from "../../src/webhooks/subscription-record.ts";
import { changeEvent } from "./fixtures.ts";

const T = Date.parse("2026-01-10T12:00:00Z");
const event = changeEvent();
const message = { subscription_id: "sub_a", event };
const mid = () => 0.5; // no jitter
const queued = pairOnQueued(undefined, message, T) as LedgerPair;

function input(over: Partial<AttemptInput> = {}): AttemptInput {
  return {
    subscriptionId: "sub_a",
    message,
    event,
    attempt: 1,
    started: T,
    finished: T + 120,
    outcome: { ok: false, status: 500, durationMs: 120, error: "HTTP 500" },
    enabled: true,
    health: emptyHealth(),
    pair: queued,
    schedule: [5, 300],
    policy: { maxConsecutive: 3, maxFailureMs: 60_000 },
    random: mid,
    ...over,
  };
}

describe("planAttempt", () => {
  it("attempts a pending or unknown pair, continuing the pair's count", () => {
    expect(planAttempt(undefined, 1, true)).toEqual({ kind: "attempt", attempt: 1 });
    expect(planAttempt({ ...queued, attempts: 3 }, 1, true)).toEqual({ kind: "attempt", attempt: 4 });
    expect(planAttempt({ ...queued, attempts: 1 }, 5, true)).toEqual({ kind: "attempt", attempt: 5 });
  });

  it("skips while disabled, and a duplicate of a final pair", () => {
    expect(planAttempt(queued, 1, false)).toEqual({ kind: "skip", why: "disabled" });
    const delivered = pairAfterAttempt(queued, message, { kind: "delivered" }, T).pair;
    expect(planAttempt(delivered, 1, true)).toEqual({ kind: "skip", why: "duplicate" });
  });
});

describe("resolveAttempt", () => {
  it("a success: delivered, health reset, acked", () => {
    const r = resolveAttempt(
      input({
        outcome: { ok: true, status: 204, durationMs: 80 },
        health: { ...emptyHealth(), consecutive_failures: 2 },
      }),
    );
    expect(r.decision).toEqual({ action: "ack", result: "delivered" });
    expect(r.pair.state).toBe("delivered");
    expect(r.health).toMatchObject({ consecutive_failures: 0, last_success_at: "2026-01-10T12:00:00Z" });
    expect(r.disable).toBeNull();
    expect(r.log).toEqual([
      {
        at: "2026-01-10T12:00:00Z",
        event_id: event.id,
        event_type: event.type,
        attempt: 1,
        result: "delivered",
        status: 204,
        duration_ms: 80,
      },
    ]);
  });

  it("a failure with retries left: retried after the schedule's delay, the pair due after it", () => {
    const r = resolveAttempt(input());
    expect(r.decision).toEqual({ action: "retry", delaySeconds: 5 });
    expect(r.pair).toMatchObject({
      state: "pending",
      attempts: 1,
      last_error: "HTTP 500",
      due_at: T + 120 + 5000 + LOST_AFTER_MS,
    });
    expect(r.log).toHaveLength(1);
    expect(r.log[0]).toMatchObject({ result: "failed", status: 500, next_retry_at: "2026-01-10T12:00:05.120Z" });
    expect(r.health.consecutive_failures).toBe(1);
  });

  it("Retry-After on 429 is honoured", () => {
    const r = resolveAttempt(input({ outcome: { ok: false, status: 429, retryAfter: "120", durationMs: 5 } }));
    expect(r.decision).toEqual({ action: "retry", delaySeconds: 120 });
  });

  it("the last attempt's failure is dead-lettered and counted, with a log entry saying how to replay", () => {
    const r = resolveAttempt(input({ attempt: 3, pair: { ...queued, attempts: 2 } }));
    expect(r.decision).toEqual({ action: "ack", result: "dead_lettered" });
    expect(r.pair).toMatchObject({ state: "dead_lettered", reason: "retries_exhausted", attempts: 3 });
    expect(r.health.dead_letters).toBe(1);
    expect(r.log.map((e) => e.result)).toEqual(["failed", "dead_letter"]);
    expect(r.log[0].next_retry_at).toBeUndefined();
    expect(r.log[1].error).toMatch(/gave up after 3 attempts; replay it with POST \/api\/subscriptions\/sub_a\/replay/);
  });

  it("a burst: the count limit alone does not disable", () => {
    const health = { ...emptyHealth(), consecutive_failures: 40, failing_since: new Date(T - 500).toISOString() };
    const r = resolveAttempt(input({ health }));
    expect(r.disable).toBeNull();
    expect(r.decision.action).toBe("retry");
  });

  it("the attempt that reaches both limits disables the subscription and is dead-lettered with the reason", () => {
    const health = { ...emptyHealth(), consecutive_failures: 2, failing_since: new Date(T - 60_000).toISOString() };
    const r = resolveAttempt(input({ health }));
    expect(r.disable).toMatch(/^3 consecutive delivery failures over 1 minute since/);
    expect(r.decision).toEqual({ action: "ack", result: "dead_lettered" });
    expect(r.pair).toMatchObject({ state: "dead_lettered", reason: "subscription_disabled" });
    expect(r.health).toMatchObject({ consecutive_failures: 3, dead_letters: 1 });
    expect(r.log[1]).toMatchObject({ result: "dead_letter", error: `subscription disabled: ${r.disable}` });
  });

  it("a failure that comes back after the subscription was disabled is skipped, not retried", () => {
    const r = resolveAttempt(input({ enabled: false }));
    expect(r.decision).toEqual({ action: "ack", result: "skipped" });
    expect(r.pair).toMatchObject({ state: "skipped", reason: "subscription_disabled" });
    expect(r.disable).toBeNull();
    expect(r.health.dead_letters).toBe(0);
  });

  it("a refused URL counts as a failure", () => {
    const r = resolveAttempt(input({ outcome: { ok: false, durationMs: 1, error: "refused: private address" } }));
    expect(r.pair.last_error).toBe("refused: private address");
    expect(r.log[0].status).toBeUndefined();
  });
});

describe("resolveSkip and resolveQueueDeadLetter", () => {
  it("a message for a disabled subscription skips its pair with the reason", () => {
    const r = resolveSkip({
      subscriptionId: "sub_a",
      why: "disabled",
      message,
      event,
      messageAttempts: 2,
      pair: queued,
      now: T,
      disabledReason: "10 consecutive delivery failures",
    });
    expect(r.pair).toMatchObject({ state: "skipped", reason: "subscription_disabled" });
    expect(r.log).toMatchObject({
      result: "skipped",
      attempt: 2,
      error: "subscription disabled: 10 consecutive delivery failures",
    });
  });

  it("a duplicate leaves its pair and says so", () => {
    const delivered = pairAfterAttempt(queued, message, { kind: "delivered" }, T).pair;
    const r = resolveSkip({
      subscriptionId: "sub_a",
      why: "duplicate",
      message,
      event,
      messageAttempts: 1,
      pair: delivered,
      now: T,
    });
    expect(r.pair).toBeNull();
    expect(r.log.error).toMatch(/^already delivered: a duplicate message/);
  });

  it("the queue's dead letter counts a pending pair once", () => {
    const base = {
      subscriptionId: "sub_a",
      event: { id: event.id },
      attempts: 8,
      replay: false,
      health: emptyHealth(),
      now: T,
    };
    const r = resolveQueueDeadLetter({ ...base, pair: queued });
    expect(r?.pair).toMatchObject({ state: "dead_lettered", reason: "queue_gave_up" });
    expect(r?.health.dead_letters).toBe(1);
    expect(r?.log).toMatchObject({ result: "dead_letter", attempt: 8, event_type: event.type });
    expect(resolveQueueDeadLetter({ ...base, pair: r?.pair })).toBeNull();
  });
});
