import { describe, expect, it } from "vitest";
import { eventKey } from "../../src/events/event-index.ts";
import {
  isLost,
  LEDGER_KEEP_MS,
  type LedgerPair,
  LOST_AFTER_MS,
  ledgerCutoff,
  MAX_LOST_AFTER_MS,
  pairAfterAttempt,
  pairDeadLetteredByQueue,
  pairOnQueued,
  pairRequeued,
  pairSkipped,
  pairsSkippedOnDisable,
  pairView,
  resendForm,
} from "../../src/webhooks/delivery-ledger.ts";
import { pingEvent } from "../../src/webhooks/operational-events.ts";
import type { DeliveryMessage } from "../../src/webhooks/subscription-record.ts";
import { changeEvent } from "./fixtures.ts";

const T = Date.parse("2026-01-10T12:00:00Z");
const event = changeEvent();
const body: DeliveryMessage = { subscription_id: "sub_a", event };
const byRef: DeliveryMessage = { subscription_id: "sub_a", event_ref: { id: event.id, key: eventKey(event) } };

function queued(now = T): LedgerPair {
  const pair = pairOnQueued(undefined, body, now);
  if (!pair) throw new Error("not recorded");
  return pair;
}

describe("the delivery ledger's transitions", () => {
  it("keeps events by reference into the event log, pings (never logged) inline", async () => {
    expect(resendForm(body)).toEqual(byRef);
    expect(resendForm({ ...body, replay: true })).toEqual({ ...byRef, replay: true });
    expect(resendForm(byRef)).toBe(byRef);
    const ping: DeliveryMessage = { subscription_id: "sub_a", event: await pingEvent("sub_a", "2026-01-10T12:00:00Z") };
    expect(resendForm(ping)).toBe(ping);
  });

  it("queued: a new pair is pending, due after LOST_AFTER_MS; a second message changes nothing", () => {
    const pair = queued();
    expect(pair).toEqual({
      event_id: event.id,
      event_type: event.type,
      state: "pending",
      attempts: 0,
      replay: false,
      requeues: 0,
      recorded_at: T,
      updated_at: T,
      due_at: T + LOST_AFTER_MS,
      message: byRef,
    });
    expect(pairOnQueued(pair, body, T + 1)).toBeNull();
    const delivered = pairAfterAttempt(pair, body, { kind: "delivered" }, T + 2).pair;
    expect(pairOnQueued(delivered, body, T + 3)).toBeNull();
  });

  it("a replay starts a pair over, final or pending", () => {
    const failing = pairAfterAttempt(queued(), body, { kind: "retry", nextAt: T + 9 }, T + 1, "HTTP 500").pair;
    expect(pairOnQueued(failing, { ...body, replay: true }, T + 2)).toMatchObject({
      state: "pending",
      attempts: 0,
      replay: true,
    });
    const delivered = pairAfterAttempt(queued(), body, { kind: "delivered" }, T + 2).pair;
    const again = pairOnQueued(delivered, { ...body, replay: true }, T + 10);
    expect(again).toMatchObject({
      state: "pending",
      attempts: 0,
      replay: true,
      recorded_at: T,
      due_at: T + 10 + LOST_AFTER_MS,
    });
    expect(again?.message).toEqual({ ...byRef, replay: true });
  });

  it("attempts: a failure stays pending, due after its retry; success and giving up are final, without the message", () => {
    const failed = pairAfterAttempt(queued(), body, { kind: "retry", nextAt: T + 5000 }, T + 100, "HTTP 500");
    expect(failed).toEqual({
      pair: { ...queued(), attempts: 1, last_error: "HTTP 500", updated_at: T + 100, due_at: T + 5000 + LOST_AFTER_MS },
      deadLettered: false,
    });
    const ok = pairAfterAttempt(failed.pair, body, { kind: "delivered" }, T + 6000);
    expect(ok.pair).toMatchObject({ state: "delivered", attempts: 2, last_error: "HTTP 500", updated_at: T + 6000 });
    expect(ok.pair.due_at).toBeUndefined();
    expect(ok.pair.message).toBeUndefined();
    const gaveUp = pairAfterAttempt(
      failed.pair,
      body,
      { kind: "dead_lettered", reason: "retries_exhausted" },
      T + 7000,
    );
    expect(gaveUp).toMatchObject({ pair: { state: "dead_lettered", reason: "retries_exhausted" }, deadLettered: true });
    expect(gaveUp.pair.message).toBeUndefined();
  });

  it("an attempt on a pair the fan-out did not record creates it", () => {
    const { pair } = pairAfterAttempt(undefined, body, { kind: "retry", nextAt: T + 1000 }, T, "timeout");
    expect(pair).toMatchObject({ state: "pending", attempts: 1, message: byRef, due_at: T + 1000 + LOST_AFTER_MS });
  });

  it("delivered is never undone; a failure leaves a final pair final; a late success wins", () => {
    const delivered = pairAfterAttempt(queued(), body, { kind: "delivered" }, T).pair;
    const late = pairAfterAttempt(delivered, body, { kind: "retry", nextAt: T + 9 }, T + 1, "HTTP 500");
    expect(late).toMatchObject({ pair: { state: "delivered", attempts: 2 }, deadLettered: false });
    const skipped = pairSkipped(queued(), body, "subscription_disabled", T);
    if (!skipped) throw new Error("not skipped");
    const failedAfter = pairAfterAttempt(skipped, body, { kind: "dead_lettered", reason: "retries_exhausted" }, T + 1);
    expect(failedAfter).toMatchObject({
      pair: { state: "skipped", reason: "subscription_disabled" },
      deadLettered: false,
    });
    expect(pairAfterAttempt(skipped, body, { kind: "delivered" }, T + 2).pair).toMatchObject({ state: "delivered" });
    expect(pairAfterAttempt(skipped, body, { kind: "delivered" }, T + 2).pair.reason).toBeUndefined();
  });

  it("skipping: a pending or unknown pair is skipped with its reason; a final pair stays", () => {
    expect(pairSkipped(undefined, body, "subscription_disabled", T)).toMatchObject({
      state: "skipped",
      reason: "subscription_disabled",
      attempts: 0,
    });
    const delivered = pairAfterAttempt(queued(), body, { kind: "delivered" }, T).pair;
    expect(pairSkipped(delivered, body, "subscription_disabled", T)).toBeNull();
    const skippedAll = pairsSkippedOnDisable([queued(), delivered], T + 5);
    expect(skippedAll).toHaveLength(1);
    expect(skippedAll[0]).toMatchObject({ state: "skipped", reason: "subscription_disabled", updated_at: T + 5 });
    expect(skippedAll[0].due_at).toBeUndefined();
  });

  it("the queue's own dead letter gives up on a pending pair once, and on an unknown pair by id", () => {
    const dead = pairDeadLetteredByQueue(queued(), { id: event.id }, T);
    expect(dead).toMatchObject({ pair: { state: "dead_lettered", reason: "queue_gave_up" }, deadLettered: true });
    expect(pairDeadLetteredByQueue(dead?.pair, { id: event.id }, T)).toBeNull();
    expect(pairDeadLetteredByQueue(undefined, { id: "evt_x", type: "ping" }, T)?.pair).toMatchObject({
      event_id: "evt_x",
      event_type: "ping",
      state: "dead_lettered",
    });
  });

  it("a pending pair is lost once due; each re-send waits twice as long, up to 12 h", () => {
    const pair = queued();
    expect(isLost(pair, T + LOST_AFTER_MS - 1)).toBe(false);
    expect(isLost(pair, T + LOST_AFTER_MS)).toBe(true);
    const once = pairRequeued(pair, T + LOST_AFTER_MS);
    expect(once).toMatchObject({ requeues: 1, due_at: T + LOST_AFTER_MS + 2 * LOST_AFTER_MS });
    let p = once;
    for (let i = 0; i < 10; i++) p = pairRequeued(p, T);
    expect(p.due_at).toBe(T + MAX_LOST_AFTER_MS);
    const delivered = pairAfterAttempt(pair, body, { kind: "delivered" }, T).pair;
    expect(isLost(delivered, T + 10 * LOST_AFTER_MS)).toBe(false);
  });

  it("final pairs are kept 30 days; the view shows RFC 3339 times and no message", () => {
    expect(ledgerCutoff(T)).toBe(T - LEDGER_KEEP_MS);
    expect(LEDGER_KEEP_MS).toBe(30 * 86_400_000);
    expect(pairView(queued())).toEqual({
      event_id: event.id,
      event_type: event.type,
      state: "pending",
      attempts: 0,
      recorded_at: "2026-01-10T12:00:00Z",
      updated_at: "2026-01-10T12:00:00Z",
      check_at: "2026-01-10T12:15:00Z",
    });
  });
});
