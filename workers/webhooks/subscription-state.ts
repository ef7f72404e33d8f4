/**
 * What a subscription's Durable Object keeps in its key-value storage, and
 * its outbox: what must reach KV (a changed record for the index, a
 * subscription.disabled event for the event log and the other subscriptions)
 * is stored first and then published, in passes that run one after another,
 * so an older record never lands in KV after a newer one. A failed pass
 * leaves everything stored, shows the error in health, and asks for a retry
 * (the object's alarm); a retry may enqueue the event's deliveries again,
 * which carry the same webhook-id.
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import { toUtcIso } from "../../src/time/instant.ts";
import { SerialQueue } from "../../src/util/serial-queue.ts";
import type { StoredSecret } from "../../src/webhooks/signing-secrets.ts";
import {
  emptyHealth,
  type SubscriptionHealthState,
  type SubscriptionRecord,
} from "../../src/webhooks/subscription-record.ts";
import { catalogStub } from "../catalog-stub.ts";
import { enqueueDeliveries } from "./fan-out.ts";
import { deleteSubscriptionIndex, putSubscriptionIndex } from "./subscription-index.ts";

/** Storage key of the subscription.disabled event not yet published. */
export const PENDING_EVENT = "pending_event";
/** Storage key marking that the KV index does not yet hold the current record. */
export const INDEX_STALE = "index_stale";

export interface SubscriptionState {
  record: SubscriptionRecord;
  secrets: StoredSecret[];
  health: SubscriptionHealthState;
  /** Number of the newest delivery log entry. */
  seq: number;
  /** The subscription.disabled event while it is not yet published. */
  pending?: ChangeEvent;
  /** The KV index does not yet hold `record`. */
  indexStale: boolean;
}

/** The stored state, or null when there is no such subscription. */
export async function loadState(storage: DurableObjectStorage): Promise<SubscriptionState | null> {
  const stored = await storage.get<unknown>(["record", "secrets", "health", "seq", PENDING_EVENT, INDEX_STALE]);
  const record = stored.get("record") as SubscriptionRecord | undefined;
  if (!record) return null;
  const pending = stored.get(PENDING_EVENT) as ChangeEvent | undefined;
  return {
    record,
    secrets: (stored.get("secrets") as StoredSecret[] | undefined) ?? [],
    health: (stored.get("health") as SubscriptionHealthState | undefined) ?? emptyHealth(),
    seq: (stored.get("seq") as number | undefined) ?? 0,
    indexStale: stored.get(INDEX_STALE) === true,
    ...(pending !== undefined && { pending }),
  };
}

/** What the outbox reads from its Durable Object at each pass. */
export interface OutboxHost {
  env(): Env;
  /** The current state (null once deleted). */
  state(): SubscriptionState | null;
  /** Called after a failed pass: publish again later. */
  retryLater(): Promise<void>;
}

export class Outbox {
  /** Publish passes, one at a time. */
  private readonly passes = new SerialQueue();
  private readonly storage: DurableObjectStorage;
  private readonly host: OutboxHost;

  constructor(storage: DurableObjectStorage, host: OutboxHost) {
    this.storage = storage;
    this.host = host;
  }

  /** Publishes what the outbox holds (after the passes already queued). */
  publish(): Promise<void> {
    return this.passes.run(() => this.once());
  }

  private async once(): Promise<void> {
    const state = this.host.state();
    if (!state || (!state.indexStale && !state.pending)) return;
    const { record, pending: event } = state;
    try {
      const env = this.host.env();
      if (state.indexStale) await putSubscriptionIndex(env.PARLEY_KV, record);
      if (event) {
        await catalogStub(env).publish({ source: event.source, events: [event], items: [] });
        await enqueueDeliveries(env, [event], { exclude: record.id });
      }
    } catch (err) {
      if (this.host.state() !== state) return;
      const message = String(err instanceof Error ? err.message : err);
      state.health.publish_error = { at: toUtcIso(Date.now()), message };
      await this.storage.put("health", state.health);
      await this.host.retryLater();
      return;
    }
    // Deleted meanwhile: take back the index entry just written.
    if (this.host.state() !== state) return deleteSubscriptionIndex(this.host.env().PARLEY_KV, record.id);
    // A record or event replaced during the pass stays marked for the pass its change queued.
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
    await this.storage.put("health", state.health);
    if (done.length) await this.storage.delete(done);
  }
}
