/**
 * One Durable Object per webhook subscription: the only holder of its
 * secrets, health, delivery log (the newest 200 entries) and delivery ledger
 * (a row per event queued for it until a final state: see
 * src/webhooks/delivery-ledger.ts). It makes every delivery attempt for the
 * subscription, so all of these have a single writer, and keeps the KV index
 * (`sub:<id>`, no secret) in step. Secrets (standard format only) leave it
 * only in the responses to create, rotate and a PATCH to the standard format.
 * A shell: the rules (health and disabling, retries and dead letters, the
 * ledger's transitions, which secrets sign) are pure functions in src/webhooks/;
 * this loads state, calls them, stores what they return and publishes. What must reach KV goes through an outbox (subscription-state.ts)
 * whose failed publications the alarm retries; the same alarm sends again the
 * pending pairs whose queue message is lost.
 */
import { DurableObject } from "cloudflare:workers";
import type { ChangeEvent } from "../src/events/event.ts";
import { toUtcIso } from "../src/time/instant.ts";
import {
  type DeliveryDecision,
  planAttempt,
  resolveAttempt,
  resolveQueueDeadLetter,
  resolveSkip,
} from "../src/webhooks/delivery-attempt.ts";
import * as ledger from "../src/webhooks/delivery-ledger.ts";
import { DELIVERY_LOG_SIZE, type DeliveryLogEntry, logKey } from "../src/webhooks/delivery-log.ts";
import { subscriptionDisabledEvent } from "../src/webhooks/operational-events.ts";
import { generateSecret } from "../src/webhooks/secret.ts";
import * as secrets from "../src/webhooks/signing-secrets.ts";
import { healthDisabled, healthReEnabled } from "../src/webhooks/subscription-health.ts";
import {
  applySubscriptionPatch,
  type DeliveryMessage,
  emptyHealth,
  type SubscriptionRecord,
  type SubscriptionView,
} from "../src/webhooks/subscription-record.ts";
import type { PatchSubscriptionBody } from "../src/webhooks/subscription-schema.ts";
import { PUBLISH_RETRY_MS, readConfig } from "./config.ts";
import { attemptDelivery } from "./webhooks/attempt-delivery.ts";
import { sendQueued } from "./webhooks/delivery-ledger-client.ts";
import { type DeliveriesView, LedgerStore } from "./webhooks/ledger-store.ts";
import { deleteSubscriptionIndex } from "./webhooks/subscription-index.ts";
import {
  INDEX_STALE,
  loadState,
  Outbox,
  PENDING_EVENT,
  type SubscriptionState as State,
} from "./webhooks/subscription-state.ts";

export class SubscriptionObject extends DurableObject<Env> {
  private state: State | null = null;
  private readonly pairs: LedgerStore;
  private readonly outbox: Outbox;
  /** When the alarm is set for; null when none is. */
  private alarmAt: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.pairs = new LedgerStore(ctx.storage.sql);
    this.outbox = new Outbox(ctx.storage, {
      env: () => this.env,
      state: () => this.state,
      retryLater: () => this.wakeBy(Date.now() + PUBLISH_RETRY_MS),
    });
    ctx.blockConcurrencyWhile(async () => {
      this.alarmAt = await ctx.storage.getAlarm();
      this.state = await loadState(ctx.storage);
      if (this.state) this.pairs.ensureSchema();
    });
  }

  /** Creates the subscription; returns its view and its secret (shown only here; none for unsigned formats). */
  async create(record: SubscriptionRecord): Promise<{ view: SubscriptionView; secret?: string } | null> {
    if (this.state) return null;
    const { secrets: stored, minted: secret } = secrets.secretsForFormat(record.format, []);
    const state: State = { record, secrets: stored, health: emptyHealth(), seq: 0, indexStale: true };
    this.pairs.ensureSchema();
    await this.ctx.storage.put({ record, secrets: state.secrets, health: state.health, seq: 0, [INDEX_STALE]: true });
    this.state = state;
    await this.outbox.publish();
    return { view: this.view(state), ...(secret !== undefined && { secret }) };
  }

  describe(): SubscriptionView | null {
    return this.state ? this.view(this.state) : null;
  }

  /** Applies a PATCH (URL checked by the caller). Re-enabling clears the failure run; see secretsForFormat. */
  async update(patch: PatchSubscriptionBody, now: string): Promise<(SubscriptionView & { secret?: string }) | null> {
    const state = this.state;
    if (!state) return null;
    const wasEnabled = state.record.enabled;
    state.record = applySubscriptionPatch(state.record, patch, now);
    if (!wasEnabled && state.record.enabled) state.health = healthReEnabled(state.health);
    const { secrets: kept, minted: secret } = secrets.secretsForFormat(state.record.format, state.secrets);
    state.secrets = kept;
    state.indexStale = true;
    await this.ctx.storage.put({ record: state.record, health: state.health, secrets: kept, [INDEX_STALE]: true });
    await this.outbox.publish();
    return { ...this.view(state), ...(secret !== undefined && { secret }) };
  }

  async destroy(): Promise<boolean> {
    const state = this.state;
    if (!state) return false;
    this.state = null;
    this.alarmAt = null;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    await deleteSubscriptionIndex(this.env.PARLEY_KV, state.record.id);
    return true;
  }

  /** A new current secret; the old one keeps signing for 24 h. Returns the new secret (shown this once). */
  async rotateSecret(now: number): Promise<secrets.Rotated | "unsigned" | null> {
    const state = this.state;
    if (!state) return null;
    if (state.record.format !== "standard") return "unsigned";
    const secret = generateSecret();
    state.secrets = secrets.rotateSecrets(state.secrets, secret, now);
    await this.ctx.storage.put("secrets", state.secrets);
    return { secret, previous_secret_expires_at: toUtcIso(now + secrets.SECRET_OVERLAP_MS) };
  }

  /** The attempt log and the ledger's pairs (of one state when given), newest first, with the counts by state. */
  async deliveries(limit: number, state?: ledger.PairState): Promise<DeliveriesView | null> {
    if (!this.state) return null;
    const entries = await this.ctx.storage.list<DeliveryLogEntry>({ prefix: "log:", reverse: true, limit });
    const pairs = this.pairs.list(limit, state).map(ledger.pairView);
    return { deliveries: [...entries.values()], counts: this.pairs.counts(), pairs };
  }

  /** The fan-out is queueing these messages (events by reference, but pings): their pairs become pending. */
  async recordQueued(messages: DeliveryMessage[]): Promise<number> {
    if (!this.state) return 0;
    const now = Date.now();
    const recorded = this.pairs.recordQueued(messages, now);
    if (recorded) await this.wakeBy(now + ledger.LOST_AFTER_MS);
    return recorded;
  }

  /** One delivery attempt of `event` (`attempts`: the queue message's, 1-based). */
  async deliver(event: ChangeEvent, attempts: number, replay = false, sourceName?: string): Promise<DeliveryDecision> {
    const state = this.state;
    if (!state) return { action: "ack", result: "gone" };
    const message: DeliveryMessage = { subscription_id: state.record.id, event, ...(replay && { replay: true }) };
    const plan = planAttempt(this.pairs.get(event.id), attempts, state.record.enabled);
    if (plan.kind === "skip") return this.skip(state, message, attempts, plan.why);
    const config = readConfig(this.env).webhooks;
    const started = Date.now();
    const outcome = await attemptDelivery(state, event, config, started, sourceName);
    if (this.state !== state) return { action: "ack", result: "gone" };
    const r = resolveAttempt({
      subscriptionId: state.record.id,
      message,
      event,
      attempt: plan.attempt,
      started,
      finished: Date.now(),
      outcome,
      enabled: state.record.enabled,
      health: state.health,
      pair: this.pairs.get(event.id),
      schedule: config.schedule,
      policy: config.disable,
    });
    state.health = r.health;
    this.pairs.put(r.pair);
    await this.log(r.log, true);
    if (r.disable) await this.disable(state, r.disable);
    else if (r.pair.due_at !== undefined) await this.wakeBy(r.pair.due_at);
    return r.decision;
  }

  /** The dead-letter queue's consumer: the queue gave up on a message whose consumer kept failing. */
  async recordDeadLetter(event: { id: string; type?: string }, attempts: number | undefined, replay = false) {
    const state = this.state;
    if (!state) return false;
    const r = resolveQueueDeadLetter({
      subscriptionId: state.record.id,
      event,
      attempts,
      replay,
      pair: this.pairs.get(event.id),
      health: state.health,
      now: Date.now(),
    });
    if (!r) return true;
    state.health = r.health;
    this.pairs.put(r.pair);
    await this.log([r.log], true);
    return true;
  }

  /**
   * The ledger check (run by the alarm at `now`): pending pairs whose message
   * is overdue are sent again (or skipped, when the subscription is disabled);
   * old final pairs are dropped. Returns how many pairs were sent again.
   */
  async checkDeliveries(now: number): Promise<number> {
    const state = this.state;
    if (!state) return 0;
    this.pairs.evict(ledger.ledgerCutoff(now));
    if (!state.record.enabled) {
      this.pairs.skipPending(now);
      return 0;
    }
    let sent = 0;
    let retryAt: number | undefined;
    try {
      sent = await this.pairs.requeueLost(now, (bodies) => sendQueued(this.env, bodies));
    } catch (err) {
      console.error(`subscription ${state.record.id}: sending lost deliveries again failed`, String(err));
      retryAt = Date.now() + PUBLISH_RETRY_MS;
    }
    const next = retryAt ?? this.pairs.nextDue();
    if (next !== undefined) await this.wakeBy(Math.max(next, Date.now() + 1000));
    return sent;
  }

  override async alarm(): Promise<void> {
    this.alarmAt = null;
    await this.outbox.publish();
    await this.checkDeliveries(Date.now());
  }

  /** A message not attempted (the subscription is disabled, or its pair is final): logged, its pair skipped. */
  private async skip(state: State, message: DeliveryMessage, attempts: number, why: "disabled" | "duplicate") {
    const event = message.event as ChangeEvent;
    const skip = resolveSkip({
      subscriptionId: state.record.id,
      why,
      message,
      event,
      messageAttempts: attempts,
      pair: this.pairs.get(event.id),
      now: Date.now(),
      ...(state.health.disabled_reason !== undefined && { disabledReason: state.health.disabled_reason }),
    });
    if (skip.pair) this.pairs.put(skip.pair);
    await this.log([skip.log]);
    return { action: "ack", result: "skipped" } as const;
  }

  /** Disables the subscription (the attempt that tripped the limits), skips its pending pairs, publishes one event. */
  private async disable(state: State, reason: string): Promise<void> {
    const now = Date.now();
    const at = toUtcIso(now);
    state.record = { ...state.record, enabled: false, updated_at: at };
    state.health = healthDisabled(state.health, reason, now);
    state.indexStale = true;
    const event = await subscriptionDisabledEvent({
      subscriptionId: state.record.id,
      url: state.record.url,
      reason,
      ...(state.record.description !== undefined && { description: state.record.description }),
      at,
    });
    if (this.state !== state) return;
    state.pending = event;
    this.pairs.skipPending(now);
    const { record, health } = state;
    await this.ctx.storage.put({ record, health, [PENDING_EVENT]: event, [INDEX_STALE]: true });
    await this.outbox.publish();
  }

  /** Makes sure the alarm runs at `at` or earlier. */
  private async wakeBy(at: number): Promise<void> {
    if (this.alarmAt !== null && this.alarmAt <= at) return;
    this.alarmAt = at;
    await this.ctx.storage.setAlarm(at);
  }

  private async log(entries: DeliveryLogEntry[], withHealth = false): Promise<void> {
    const state = this.state;
    if (!state) return;
    const puts: Record<string, unknown> = {};
    for (const entry of entries) puts[logKey(++state.seq)] = entry;
    puts.seq = state.seq;
    if (withHealth) puts.health = state.health;
    await this.ctx.storage.put(puts);
    const stale = entries.map((_, i) => state.seq - DELIVERY_LOG_SIZE - i).filter((seq) => seq > 0);
    if (stale.length) await this.ctx.storage.delete(stale.map(logKey));
  }

  private view(state: State): SubscriptionView {
    const previous = secrets.previousSecretExpiry(state.secrets, Date.now());
    return {
      ...state.record,
      health: { ...state.health },
      ...(previous !== undefined && { previous_secret_expires_at: toUtcIso(previous) }),
    };
  }
}
