/**
 * One Durable Object per source: the single writer of that source's state.
 *
 * Ingests run one at a time (an in-object queue), so concurrent pushes and
 * polls of overlapping documents are applied in turn against the latest
 * state: no update is lost and no change is detected twice. The object's own
 * storage is the authority (config, status, item states); what readers see in
 * Workers KV is a projection written through an outbox: the new state and the
 * events to publish are committed here atomically first, then copied to KV.
 * If KV fails, the outbox stays and an alarm retries, so nothing detected is
 * ever dropped, and an ingest that changed nothing writes nothing to KV.
 */
import { DurableObject } from "cloudflare:workers";
import type { ClockThresholds, FiredRecord } from "../src/clock/clock-events.ts";
import type { ChangeEvent } from "../src/events/event.ts";
import type { UpdateDocument } from "../src/model/document.ts";
import { fetchSource } from "../src/poll/fetch-source.ts";
import { emptyPollState, type PollOutcome, type PollState, recordPoll } from "../src/poll/poll-health.ts";
import { pollStep } from "../src/poll/poll-outcome.ts";
import type { SourceConfig, SourcePut } from "../src/sources/source-config.ts";
import { mergeSourceConfig } from "../src/sources/source-config.ts";
import { sourceHealthEvent } from "../src/sources/source-health-event.ts";
import { emptyStatus, type SourceStatus } from "../src/sources/source-status.ts";
import { toUtcIso } from "../src/time/instant.ts";
import { applyClock } from "../src/track/apply-clock.ts";
import { applyDocument } from "../src/track/apply-document.ts";
import type { TrackedItem } from "../src/track/tracked-item.ts";
import { USER_AGENT } from "../src/version.ts";
import { boolVar, intVar, listVar } from "./env-config.ts";
import { writeEvents } from "./store/event-log.ts";
import { deleteItemSnapshot, writeItemSnapshot } from "./store/item-snapshot.ts";
import { enqueueDeliveries } from "./webhooks/fan-out.ts";

export interface IngestResult {
  events: ChangeEvent[];
  stale: number;
  unchanged: number;
  /** True when this was the source's first ingest, stored silently. */
  baseline: boolean;
  /** False when the KV projection failed; it is retried by alarm. */
  published: boolean;
}

export interface PollReport {
  outcome: PollOutcome;
  events: ChangeEvent[];
}

/** How a source looks from the API: config, ingest status, and poll health. */
export interface SourceView {
  config: SourceConfig;
  status: SourceStatus;
  poll: Omit<PollState, "etag" | "last_modified">;
}

interface OutboxEntry {
  events: ChangeEvent[];
  items: boolean;
}

const ITEM = "item:";
const CLOCK = "clock:";
/** A poll is due when its interval has elapsed, less this much slack for cron jitter. */
const POLL_SLACK_MS = 30_000;
const OUTBOX = "outbox:";
/** Retry delay for a failed projection to KV. */
const RETRY_MS = 30_000;
/** Durable Object storage takes at most 128 keys per put. */
const PUT_CHUNK = 128;

/**
 * Poll state without the conditional-request validators. The validators sent
 * are those of the last accepted response only: both are replaced together
 * (a validator that response did not carry is not kept from an older one).
 */
function withoutValidators(state: PollState): PollState {
  const { etag: _etag, last_modified: _lastModified, ...rest } = state;
  return rest;
}

export class SourceObject extends DurableObject<Env> {
  private items: Map<string, TrackedItem> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private flushing: Promise<boolean> = Promise.resolve(true);

  /** Runs `fn` after every earlier exclusive call has finished. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadItems(): Promise<Map<string, TrackedItem>> {
    if (!this.items) {
      const stored = await this.ctx.storage.list<TrackedItem>({ prefix: ITEM });
      this.items = new Map([...stored].map(([k, v]) => [k.slice(ITEM.length), v]));
    }
    return this.items;
  }

  private config(): Promise<SourceConfig | undefined> {
    return this.ctx.storage.get<SourceConfig>("config");
  }

  private async status(): Promise<SourceStatus> {
    return (await this.ctx.storage.get<SourceStatus>("status")) ?? emptyStatus();
  }

  async configure(id: string, put: SourcePut, now: string): Promise<{ config: SourceConfig; created: boolean }> {
    return this.exclusive(async () => {
      const current = await this.config();
      const config = mergeSourceConfig(id, current, put, now);
      const entries: Record<string, unknown> = { config };
      // Another URL is another resource: the old one's ETag / Last-Modified must not be sent to it.
      if (current !== undefined && current.url !== config.url) entries.poll = withoutValidators(await this.pollState());
      await this.ctx.storage.put(entries);
      return { config, created: current === undefined };
    });
  }

  private async pollState(): Promise<PollState> {
    return (await this.ctx.storage.get<PollState>("poll")) ?? emptyPollState();
  }

  async describe(): Promise<SourceView | null> {
    const config = await this.config();
    if (!config) return null;
    const { etag: _e, last_modified: _l, ...poll } = await this.pollState();
    return { config, status: await this.status(), poll };
  }

  async destroy(): Promise<boolean> {
    return this.exclusive(async () => {
      const config = await this.config();
      if (!config) return false;
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      this.items = null;
      await deleteItemSnapshot(this.env.PARLEY_KV, config.id);
      return true;
    });
  }

  /** Records a rejected document in the status (its state is untouched). */
  async recordRejection(via: "push" | "poll", message: string, at: string): Promise<void> {
    await this.exclusive(async () => {
      if (!(await this.config())) return;
      const status = await this.status();
      status.last_error = { at, via, message };
      status.counts.rejected++;
      await this.ctx.storage.put("status", status);
    });
  }

  async ingest(document: UpdateDocument, via: "push" | "poll", receivedAt: string): Promise<IngestResult | null> {
    const result = await this.exclusive(() => this.applyAndCommit(document, via, receivedAt));
    if (!result) return null;
    const published = result.events.length === 0 && !result.changed ? true : await this.flush();
    return {
      events: result.events,
      stale: result.stale,
      unchanged: result.unchanged,
      baseline: result.baseline,
      published,
    };
  }

  private async applyAndCommit(document: UpdateDocument, via: "push" | "poll", receivedAt: string) {
    const config = await this.config();
    if (!config) return null;
    const state = await this.loadItems();
    const status = await this.status();
    const baseline = !status.baselined;
    const silent = baseline && config.baseline === "silent";
    // Detected now, inside the single writer: a slow upload or a wait for the writer cannot stamp
    // a change earlier than changes already committed (feeds order and Last-Modified rely on it).
    const detectedAt = toUtcIso(Date.now());
    const r = await applyDocument({ source: config.id, state, document, receivedAt, detectedAt, silent });

    status.baselined = true;
    status.last_ingest = {
      at: receivedAt,
      via,
      items: document.items.length,
      events: r.events.length,
      stale: r.stale,
      unchanged: r.unchanged,
    };
    status.counts.ingests++;
    status.counts.events += r.events.length;
    status.counts.stale += r.stale;
    const entries: Record<string, unknown> = {};
    for (const [key, tracked] of r.updates) {
      state.set(key, tracked);
      entries[`${ITEM}${key}`] = tracked;
    }
    status.counts.items = [...state.values()].filter((t) => t.removed_at === undefined).length;
    entries.status = status;
    if (r.updates.size > 0) {
      const outbox: OutboxEntry = { events: r.events, items: true };
      entries[`${OUTBOX}${receivedAt}:${crypto.randomUUID()}`] = outbox;
    }
    await this.putAll(entries);
    return { events: r.events, stale: r.stale, unchanged: r.unchanged, baseline, changed: r.updates.size > 0 };
  }

  /**
   * Copies pending outbox entries to KV. Flushes run one after another; one
   * flush publishes everything committed before it started, so concurrent
   * ingests share a single write of the item snapshot.
   */
  private flush(): Promise<boolean> {
    const run = this.flushing.then(() => this.flushOnce());
    this.flushing = run.catch(() => false);
    return run;
  }

  private async flushOnce(): Promise<boolean> {
    const pending = await this.ctx.storage.list<OutboxEntry>({ prefix: OUTBOX });
    if (pending.size === 0) return true;
    const config = await this.config();
    if (!config) return true;
    try {
      const entries = [...pending.values()];
      const events = entries.flatMap((e) => e.events);
      const writes: Promise<void>[] = [writeEvents(this.env.PARLEY_KV, events)];
      if (entries.some((e) => e.items)) {
        const items = [...(await this.loadItems()).values()];
        writes.push(
          writeItemSnapshot(this.env.PARLEY_KV, { source: config.id, updated_at: toUtcIso(Date.now()), items }),
        );
      }
      await Promise.all(writes);
      // Webhooks go out only once the events are readable; a failure here retries the whole outbox
      // entry, and deliveries are idempotent on the event id (webhook-id) for receivers.
      await enqueueDeliveries(this.env, events);
      const status = await this.status();
      status.kv_writes = (status.kv_writes ?? 0) + events.length + (writes.length - 1);
      delete status.publish_error;
      await this.ctx.storage.put("status", status);
      await this.ctx.storage.delete([...pending.keys()]);
      return true;
    } catch (err) {
      const status = await this.status();
      status.publish_error = { at: toUtcIso(Date.now()), message: String(err instanceof Error ? err.message : err) };
      await this.ctx.storage.put("status", status);
      await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
      return false;
    }
  }

  /** Polls the source's URL now (whatever its interval); null when the source has no URL. */
  async pollNow(now: number): Promise<PollReport | null> {
    const config = await this.config();
    if (!config?.url) return null;
    const state = await this.pollState();
    const at = toUtcIso(now);
    const fetched = await fetchSource(config.url, {
      etag: state.etag,
      lastModified: state.last_modified,
      timeoutMs: intVar(this.env.POLL_TIMEOUT_MS, 10_000),
      maxBytes: intVar(this.env.MAX_BODY_BYTES, 5 * 1024 * 1024),
      userAgent: USER_AGENT,
      allowPrivate: boolVar(this.env.ALLOW_PRIVATE_SOURCES),
    });
    const step = pollStep(fetched, config.format, at);
    const events: ChangeEvent[] = [];
    if (step.document) {
      const result = await this.ingest(step.document, "poll", at);
      if (result) {
        events.push(...result.events);
        step.outcome.events = result.events.length;
      }
    }
    const health = await this.exclusive(async () => {
      const { state: next, transition } = recordPoll(
        step.validators ? { ...withoutValidators(await this.pollState()), ...step.validators } : await this.pollState(),
        step.outcome,
        intVar(this.env.SOURCE_FAILURE_THRESHOLD, 3),
      );
      const entries: Record<string, unknown> = { poll: next };
      if (step.outcome.result === "rejected" && step.outcome.error) {
        const status = await this.status();
        status.last_error = { at, via: "poll", message: step.outcome.error };
        status.counts.rejected++;
        entries.status = status;
      }
      let event: ChangeEvent | undefined;
      if (transition) {
        event = await sourceHealthEvent({
          source: config.id,
          ...(config.title !== undefined && { title: config.title }),
          url: config.url,
          transition,
          failingSince: (transition === "failing" ? next.failing_since : state.failing_since) ?? at,
          consecutiveFailures: transition === "failing" ? next.consecutive_failures : state.consecutive_failures,
          ...(step.outcome.error !== undefined && { lastError: step.outcome.error }),
          now: at,
        });
        entries[`${OUTBOX}${at}:${crypto.randomUUID()}`] = { events: [event], items: false } satisfies OutboxEntry;
      }
      await this.ctx.storage.put(entries);
      return event;
    });
    if (health) {
      events.push(health);
      await this.flush();
    }
    return { outcome: step.outcome, events };
  }

  /**
   * One scheduled run for this source at `now`: a poll if its interval has
   * elapsed, then the clock events that fell due. An idle run (nothing due,
   * nothing changed) writes nothing to KV.
   */
  async tick(now: number): Promise<{ polled: boolean; events: number }> {
    const config = await this.config();
    if (!config) return { polled: false, events: 0 };
    let polled = false;
    let count = 0;
    if (config.url) {
      const last = (await this.pollState()).last_polled_at;
      if (last === undefined || now - Date.parse(last) >= config.interval_minutes * 60_000 - POLL_SLACK_MS) {
        count += (await this.pollNow(now))?.events.length ?? 0;
        polled = true;
      }
    }
    const clock = await this.exclusive(() => this.runClock(config.id, now));
    if (clock > 0) await this.flush();
    return { polled, events: count + clock };
  }

  private thresholds(): ClockThresholds {
    return {
      deadline: listVar(this.env.DEADLINE_REMINDERS, ["7d", "72h", "24h", "1h"]),
      meeting: listVar(this.env.MEETING_REMINDERS, ["24h", "1h"]),
    };
  }

  /** Clock events for every live item; returns how many fired. */
  private async runClock(source: string, now: number): Promise<number> {
    const state = await this.loadItems();
    const stored = await this.ctx.storage.list<FiredRecord>({ prefix: CLOCK });
    const fired = new Map([...stored].map(([k, v]) => [k.slice(CLOCK.length), v]));
    const r = await applyClock({ source, state, fired, now, thresholds: this.thresholds() });
    const entries: Record<string, unknown> = {};
    for (const [key, record] of r.fired) entries[`${CLOCK}${key}`] = record;
    for (const [key, tracked] of r.updates) {
      state.set(key, tracked);
      entries[`${ITEM}${key}`] = tracked;
    }
    if (r.events.length) {
      const status = await this.status();
      status.counts.events += r.events.length;
      entries.status = status;
      entries[`${OUTBOX}${toUtcIso(now)}:${crypto.randomUUID()}`] = {
        events: r.events,
        items: true,
      } satisfies OutboxEntry;
    }
    await this.putAll(entries);
    return r.events.length;
  }

  /** Puts many keys atomically: puts issued without an await in between are committed together. */
  private async putAll(entries: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(entries);
    const puts: Promise<void>[] = [];
    for (let i = 0; i < keys.length; i += PUT_CHUNK) {
      puts.push(this.ctx.storage.put(Object.fromEntries(keys.slice(i, i + PUT_CHUNK).map((k) => [k, entries[k]]))));
    }
    try {
      await Promise.all(puts);
    } catch (err) {
      this.items = null; // memory may be ahead of storage: reload on next use
      throw err;
    }
  }

  override async alarm(): Promise<void> {
    await this.flush();
  }
}
