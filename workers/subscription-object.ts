/**
 * One Durable Object per webhook subscription: the only holder of its
 * secrets (current, and the previous one for 24 h after a rotation), its
 * health, and its delivery log (the newest 200 entries). It performs every
 * delivery attempt for the subscription, so health is updated by a single
 * writer, and it keeps the KV index (`sub:<id>`, no secret) in step.
 * Secrets leave it only in the responses to create and rotate.
 *
 * What must reach KV goes through a small outbox: a changed record is stored
 * with an "index stale" mark, and a subscription.disabled event is stored
 * with the disabled record; then both are published (KV index, event log,
 * other subscriptions). If that fails they stay stored, the error shows in
 * health, and an alarm retries, so a KV or queue outage loses neither a
 * subscription (created, with its secret already shown) nor the event.
 */
import { DurableObject } from "cloudflare:workers";
import type { ChangeEvent } from "../src/events/event.ts";
import { toUtcIso } from "../src/time/instant.ts";
import { deliveryConfig, eventUrl } from "../src/webhooks/delivery-config.ts";
import { DELIVERY_LOG_SIZE, type DeliveryLogEntry, logKey } from "../src/webhooks/delivery-log.ts";
import { subscriptionDisabledEvent } from "../src/webhooks/operational-events.ts";
import { postWebhook } from "../src/webhooks/post-webhook.ts";
import { nextRetryDelay, shouldDisable } from "../src/webhooks/retry-policy.ts";
import { generateSecret } from "../src/webhooks/secret.ts";
import {
  applySubscriptionPatch,
  emptyHealth,
  type SubscriptionHealthState,
  type SubscriptionRecord,
  type SubscriptionView,
} from "../src/webhooks/subscription-record.ts";
import type { PatchSubscriptionBody } from "../src/webhooks/subscription-schema.ts";
import { checkWebhookTarget } from "../src/webhooks/url-safety.ts";
import { catalogStub } from "./catalog-stub.ts";
import { enqueueDeliveries } from "./webhooks/fan-out.ts";
import { deleteSubscriptionIndex, putSubscriptionIndex } from "./webhooks/subscription-index.ts";

/** How long a rotated-out secret keeps signing. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** Previous secrets kept signing during their overlap (each adds a signature to every delivery). */
export const MAX_PREVIOUS_SECRETS = 4;

interface StoredSecret {
  secret: string;
  /** ms since the epoch; absent for the current secret. */
  expires_at?: number;
}

/** Storage key of the subscription.disabled event not yet published. */
const PENDING_EVENT = "pending_event";
/** Storage key marking that the KV index does not yet hold the current record. */
const INDEX_STALE = "index_stale";
/** How soon a failed publication is retried. */
const PUBLISH_RETRY_MS = 30_000;

/** What the consumer should do with the queue message. */
export type DeliveryDecision =
  | { action: "ack"; result: "delivered" | "skipped" | "gone" | "disabled" }
  | { action: "retry"; delaySeconds: number }
  | { action: "dead_letter" };

interface State {
  record: SubscriptionRecord;
  secrets: StoredSecret[];
  health: SubscriptionHealthState;
  seq: number;
  /** The subscription.disabled event while it is not yet published. */
  pending?: ChangeEvent;
  /** The KV index does not yet hold `record`. */
  indexStale: boolean;
}

export class SubscriptionObject extends DurableObject<Env> {
  private state: State | null = null;
  /** The publish pass in progress (passes are serialized). */
  private publishing: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      const stored = await ctx.storage.get<unknown>(["record", "secrets", "health", "seq", PENDING_EVENT, INDEX_STALE]);
      const record = stored.get("record") as SubscriptionRecord | undefined;
      if (record) {
        const pending = stored.get(PENDING_EVENT) as ChangeEvent | undefined;
        this.state = {
          record,
          secrets: (stored.get("secrets") as StoredSecret[] | undefined) ?? [],
          health: (stored.get("health") as SubscriptionHealthState | undefined) ?? emptyHealth(),
          seq: (stored.get("seq") as number | undefined) ?? 0,
          indexStale: stored.get(INDEX_STALE) === true,
          ...(pending !== undefined && { pending }),
        };
      }
    });
  }

  /** Creates the subscription; returns its view and its secret (the only time the secret is shown). */
  async create(record: SubscriptionRecord): Promise<{ view: SubscriptionView; secret: string } | null> {
    if (this.state) return null;
    const secret = generateSecret();
    const state: State = { record, secrets: [{ secret }], health: emptyHealth(), seq: 0, indexStale: true };
    await this.ctx.storage.put({ record, secrets: state.secrets, health: state.health, seq: 0, [INDEX_STALE]: true });
    this.state = state;
    await this.publishPending();
    return { view: this.view(state), secret };
  }

  describe(): SubscriptionView | null {
    return this.state ? this.view(this.state) : null;
  }

  /** Applies a PATCH (the URL was checked by the caller). Re-enabling clears the failure run. */
  async update(patch: PatchSubscriptionBody, now: string): Promise<SubscriptionView | null> {
    const state = this.state;
    if (!state) return null;
    const wasEnabled = state.record.enabled;
    state.record = applySubscriptionPatch(state.record, patch, now);
    if (!wasEnabled && state.record.enabled) {
      const { last_success_at, dead_letters } = state.health;
      state.health = { ...emptyHealth(), dead_letters, ...(last_success_at !== undefined && { last_success_at }) };
    }
    state.indexStale = true;
    await this.ctx.storage.put({ record: state.record, health: state.health, [INDEX_STALE]: true });
    await this.publishPending();
    return this.view(state);
  }

  async destroy(): Promise<boolean> {
    const state = this.state;
    if (!state) return false;
    this.state = null;
    await this.ctx.storage.deleteAll();
    await deleteSubscriptionIndex(this.env.PARLEY_KV, state.record.id);
    return true;
  }

  /** A new current secret; the old one keeps signing for 24 h. Returns the new secret (shown this once). */
  async rotateSecret(now: number): Promise<{ secret: string; previous_secret_expires_at: string } | null> {
    const state = this.state;
    if (!state) return null;
    const secret = generateSecret();
    const expires = now + SECRET_OVERLAP_MS;
    const previous = state.secrets.find((s) => s.expires_at === undefined);
    // Every secret still in its 24 h overlap keeps signing (a client that retried a rotation whose
    // answer it never saw still holds an older one), up to MAX_PREVIOUS_SECRETS of them.
    const overlapping = state.secrets.filter((s) => s.expires_at !== undefined && s.expires_at > now);
    state.secrets = [
      { secret },
      ...(previous ? [{ secret: previous.secret, expires_at: expires }] : []),
      ...overlapping,
    ].slice(0, 1 + MAX_PREVIOUS_SECRETS);
    await this.ctx.storage.put("secrets", state.secrets);
    return { secret, previous_secret_expires_at: toUtcIso(expires) };
  }

  async deliveries(limit: number): Promise<DeliveryLogEntry[] | null> {
    if (!this.state) return null;
    const entries = await this.ctx.storage.list<DeliveryLogEntry>({ prefix: "log:", reverse: true, limit });
    return [...entries.values()];
  }

  /** One delivery attempt of `event` (attempt is the queue message's 1-based attempts). */
  async deliver(event: ChangeEvent, attempt: number, replay = false): Promise<DeliveryDecision> {
    const state = this.state;
    if (!state) return { action: "ack", result: "gone" };
    const base = { event_id: event.id, event_type: event.type, attempt, ...(replay && { replay: true as const }) };
    if (!state.record.enabled) {
      const reason = state.health.disabled_reason ?? "disabled by an administrator";
      await this.log({
        at: toUtcIso(Date.now()),
        ...base,
        result: "skipped",
        error: `subscription disabled: ${reason}`,
      });
      return { action: "ack", result: "skipped" };
    }
    const config = deliveryConfig(this.env);
    const started = Date.now();
    const check = await checkWebhookTarget(state.record.url, config.allowPrivate);
    const outcome = check.ok
      ? await postWebhook({
          url: check.url,
          format: state.record.format,
          event,
          secrets: this.signingSecrets(state, started),
          timeoutMs: config.timeoutMs,
          eventUrl: eventUrl(config, event),
          now: started,
        })
      : { ok: false, durationMs: Date.now() - started, error: `refused: ${check.reason}` };
    const at = toUtcIso(started);
    const entry: DeliveryLogEntry = {
      at,
      ...base,
      result: outcome.ok ? "delivered" : "failed",
      ...(outcome.status !== undefined && { status: outcome.status }),
      duration_ms: outcome.durationMs,
      ...(outcome.error !== undefined && { error: outcome.error }),
    };
    if (outcome.ok) {
      state.health.last_success_at = at;
      state.health.consecutive_failures = 0;
      delete state.health.failing_since;
      await this.log(entry, true);
      return { action: "ack", result: "delivered" };
    }
    state.health.consecutive_failures++;
    state.health.last_failure_at = at;
    state.health.failing_since ??= at;
    const delay = nextRetryDelay(attempt, {
      status: outcome.status,
      retryAfter: "retryAfter" in outcome ? outcome.retryAfter : undefined,
      schedule: config.schedule,
      now: started,
    });
    if (delay !== null) entry.next_retry_at = toUtcIso(Date.now() + delay * 1000);
    await this.log(entry, true);
    if (await this.maybeDisable(state, config.disable)) return { action: "ack", result: "disabled" };
    return delay === null ? { action: "dead_letter" } : { action: "retry", delaySeconds: delay };
  }

  /** The dead-letter queue's consumer: the event was never delivered. */
  async recordDeadLetter(event: ChangeEvent, attempts: number | undefined, replay = false): Promise<boolean> {
    const state = this.state;
    if (!state) return false;
    state.health.dead_letters++;
    await this.log(
      {
        at: toUtcIso(Date.now()),
        event_id: event.id,
        event_type: event.type,
        ...(attempts !== undefined && { attempt: attempts }),
        result: "dead_letter",
        error: `gave up after ${attempts ?? "all"} attempts; replay it with POST /api/subscriptions/${state.record.id}/replay once the receiver works`,
        ...(replay && { replay: true as const }),
      },
      true,
    );
    if (state.record.enabled) await this.maybeDisable(state, deliveryConfig(this.env).disable);
    return true;
  }

  private signingSecrets(state: State, now: number): string[] {
    return state.secrets.filter((s) => s.expires_at === undefined || s.expires_at > now).map((s) => s.secret);
  }

  /** Disables the subscription when shouldDisable says so, and publishes one subscription.disabled event. */
  private async maybeDisable(state: State, opts: { maxConsecutive: number; maxFailureDays: number }) {
    const now = Date.now();
    const health = state.health;
    const reason = shouldDisable(
      {
        consecutiveFailures: health.consecutive_failures,
        ...(health.failing_since !== undefined && { firstFailureAt: Date.parse(health.failing_since) }),
      },
      now,
      opts,
    );
    if (!reason || !state.record.enabled) return false;
    const at = toUtcIso(now);
    state.record = { ...state.record, enabled: false, updated_at: at };
    health.disabled_reason = reason;
    health.disabled_at = at;
    state.pending = await subscriptionDisabledEvent({
      subscriptionId: state.record.id,
      url: state.record.url,
      reason,
      ...(state.record.description !== undefined && { description: state.record.description }),
      at,
    });
    state.indexStale = true;
    await this.ctx.storage.put({ record: state.record, health, [PENDING_EVENT]: state.pending, [INDEX_STALE]: true });
    await this.publishPending();
    return true;
  }

  /**
   * Publishes what the outbox holds: the current record to the KV index, then
   * a pending subscription.disabled event to the event log (feeds) and to the
   * other subscriptions (not this one). On failure everything stays stored,
   * the error shows in health, and an alarm retries; a retry may enqueue the
   * event's deliveries again, which carry the same webhook-id. Passes run one
   * after another, so an older record never lands in KV after a newer one; a
   * record or event replaced during a pass stays marked for the pass its
   * change queued.
   */
  private publishPending(): Promise<void> {
    const run = this.publishing.then(() => this.publishOnce());
    this.publishing = run.catch(() => undefined);
    return run;
  }

  private async publishOnce(): Promise<void> {
    const state = this.state;
    if (!state || (!state.indexStale && !state.pending)) return;
    const record = state.record;
    const event = state.pending;
    try {
      if (state.indexStale) await putSubscriptionIndex(this.env.PARLEY_KV, record);
      if (event) {
        await catalogStub(this.env).publish({ source: event.source, events: [event], items: [] });
        await enqueueDeliveries(this.env, [event], { exclude: record.id });
      }
    } catch (err) {
      if (this.state !== state) return;
      state.health.publish_error = {
        at: toUtcIso(Date.now()),
        message: String(err instanceof Error ? err.message : err),
      };
      await this.ctx.storage.put("health", state.health);
      await this.ctx.storage.setAlarm(Date.now() + PUBLISH_RETRY_MS);
      return;
    }
    if (this.state !== state) {
      // Deleted meanwhile: take back the index entry just written.
      await deleteSubscriptionIndex(this.env.PARLEY_KV, record.id);
      return;
    }
    const done: string[] = [];
    if (state.record === record && state.indexStale) {
      state.indexStale = false;
      done.push(INDEX_STALE);
    }
    if (event && state.pending === event) {
      delete state.pending;
      done.push(PENDING_EVENT);
    }
    delete state.health.publish_error;
    await this.ctx.storage.put("health", state.health);
    if (done.length) await this.ctx.storage.delete(done);
  }

  override async alarm(): Promise<void> {
    await this.publishPending();
  }

  private async log(entry: DeliveryLogEntry, withHealth = false): Promise<void> {
    const state = this.state;
    if (!state) return;
    const seq = ++state.seq;
    const puts: Record<string, unknown> = { [logKey(seq)]: entry, seq };
    if (withHealth) puts.health = state.health;
    await this.ctx.storage.put(puts);
    if (seq > DELIVERY_LOG_SIZE) await this.ctx.storage.delete(logKey(seq - DELIVERY_LOG_SIZE));
  }

  private view(state: State): SubscriptionView {
    // The latest expiry among the secrets still overlapping: until then an old secret still verifies.
    const now = Date.now();
    const previous = state.secrets
      .filter((s) => s.expires_at !== undefined && s.expires_at > now)
      .sort((a, b) => (b.expires_at ?? 0) - (a.expires_at ?? 0))[0];
    return {
      ...state.record,
      health: { ...state.health },
      ...(previous?.expires_at !== undefined && { previous_secret_expires_at: toUtcIso(previous.expires_at) }),
    };
  }
}
