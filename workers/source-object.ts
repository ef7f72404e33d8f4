/**
 * One Durable Object per source: the single writer of that source's state.
 *
 * Ingests, clock runs and poll bookkeeping run one at a time (an in-object
 * queue) against the object's own SQLite storage (workers/source/source-store.ts),
 * each change committed as one transaction with the events it announces in
 * the outbox. The outbox is then published to the catalog in bounded batches
 * (workers/source/publish-outbox.ts); whatever is left, after a failure or a
 * crash, is published by the object's alarm, which it re-arms on every start.
 * The same alarm polls the source's url when its interval has elapsed and
 * fires clock events when they fall due, so no cron run has to ask.
 */
import { DurableObject } from "cloudflare:workers";
import type { UpdateDocument } from "../src/model/document.ts";
import type { PollState } from "../src/poll/poll-health.ts";
import { emptyPollState } from "../src/poll/poll-health.ts";
import { pollDue } from "../src/sources/next-wake.ts";
import type { SourceConfig, SourcePut } from "../src/sources/source-config.ts";
import { mergeSourceConfig } from "../src/sources/source-config.ts";
import { emptyStatus, type SourceStatus } from "../src/sources/source-status.ts";
import { type SourceView, sourceView } from "../src/sources/source-view.ts";
import { statusAfterPublish, statusAfterRejection } from "../src/sources/status-bookkeeping.ts";
import { toUtcIso } from "../src/time/instant.ts";
import type { TrackedItem } from "../src/track/tracked-item.ts";
import { SerialQueue } from "../src/util/serial-queue.ts";
import { type HubPingOutcome, hubPingsAfter } from "../src/websub/ping-status.ts";
import type { SourceListing } from "./catalog/catalog-types.ts";
import { catalogStub } from "./catalog-stub.ts";
import { PUBLISH_RETRY_MS, readConfig } from "./config.ts";
import { applyClockRun } from "./source/apply-clock-run.ts";
import { applyIngest, type IngestResult, type PollReport } from "./source/apply-ingest.ts";
import { pollSource } from "./source/poll-source.ts";
import { publishOutboxHead } from "./source/publish-outbox.ts";
import { sourceListing } from "./source/source-listing.ts";
import { type Commit, SourceStore } from "./source/source-store.ts";

export type { SourceView } from "../src/sources/source-view.ts";
export type { IngestResult, PollReport } from "./source/apply-ingest.ts";

export class SourceObject extends DurableObject<Env> {
  private readonly store: SourceStore;
  private items: Map<string, TrackedItem> | null = null;
  /** Ingests, clock runs and poll bookkeeping: one at a time. */
  private readonly writes = new SerialQueue();
  /** Publish passes: one at a time. */
  private readonly publishes = new SerialQueue();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new SourceStore(ctx.storage);
    // Re-arm on every start: whatever a crash left committed and unpublished goes out now.
    ctx.blockConcurrencyWhile(async () => {
      if (this.store.pending() && (await ctx.storage.getAlarm()) === null) await ctx.storage.setAlarm(Date.now());
    });
  }

  private loadItems(): Map<string, TrackedItem> {
    if (!this.items) this.items = this.store.loadItems();
    return this.items;
  }

  private config(): SourceConfig | undefined {
    return this.store.meta<SourceConfig>("config");
  }

  private status(): SourceStatus {
    return this.store.meta<SourceStatus>("status") ?? emptyStatus();
  }

  private pollState(): PollState {
    return this.store.meta<PollState>("poll") ?? emptyPollState();
  }

  /** Commits, then forgets the cached items if the commit failed (memory must never run ahead of storage). */
  private commit(c: Parameters<SourceStore["commit"]>[0]): number | null {
    try {
      return this.store.commit(c);
    } catch (err) {
      this.items = null;
      throw err;
    }
  }

  async configure(id: string, put: SourcePut, now: string): Promise<{ config: SourceConfig; created: boolean }> {
    const result = await this.writes.run(async () => {
      const current = this.config();
      const config = mergeSourceConfig(id, current, put, now);
      const meta: Record<string, unknown> = { config };
      // Another URL is another resource: the old one's ETag / Last-Modified must not be sent to it.
      if (current !== undefined && current.url !== config.url) {
        const { etag: _e, last_modified: _l, ...rest } = this.pollState();
        meta.poll = rest;
      }
      this.commit({ meta });
      return { config, created: current === undefined };
    });
    await this.reschedule();
    return result;
  }

  async describe(): Promise<SourceView | null> {
    const config = this.config();
    return config ? sourceView(config, this.status(), this.pollState(), this.store.outboxSize()) : null;
  }

  async destroy(): Promise<boolean> {
    return this.writes.run(async () => {
      const config = this.config();
      if (!config) return false;
      // The catalog first: if it fails, the source still exists and the caller may retry.
      await catalogStub(this.env).deleteSource(config.id);
      await this.ctx.storage.deleteAlarm();
      this.store.clear();
      this.items = null;
      return true;
    });
  }

  /** Records a rejected document in the status (its state is untouched). */
  async recordRejection(via: "push" | "poll", message: string, at: string): Promise<void> {
    await this.writes.run(async () => {
      if (!this.config()) return;
      this.commit({ meta: { status: statusAfterRejection(this.status(), via, message, at) } });
    });
  }

  /** Records how a WebSub ping for this source's events went (the hub-pings queue consumer calls it). */
  async recordHubPing(outcome: HubPingOutcome): Promise<void> {
    await this.writes.run(async () => {
      const status = this.status();
      if (this.config())
        this.commit({ meta: { status: { ...status, hub_pings: hubPingsAfter(status.hub_pings, outcome) } } });
    });
  }

  async ingest(
    document: UpdateDocument,
    via: "push" | "poll",
    receivedAt: string,
    opts: { confirmRemovals?: boolean } = {},
  ): Promise<IngestResult | null> {
    const result = await this.writes.run(() => this.applyAndCommit(document, via, receivedAt, opts.confirmRemovals));
    if (!result) return null;
    if ("refused" in result)
      return { events: [], stale: 0, unchanged: 0, baseline: false, published: true, refused: result.refused };
    const published = result.changed ? await this.publishThrough(result.lastSeq) : true;
    if (result.changed) await this.reschedule();
    const { events, stale, unchanged, baseline } = result;
    return { events, stale, unchanged, baseline, published };
  }

  private async applyAndCommit(document: UpdateDocument, via: "push" | "poll", receivedAt: string, confirmed = false) {
    const config = this.config();
    if (!config) return null;
    const host = { config, state: this.loadItems(), status: this.status(), commit: (c: Commit) => this.commit(c) };
    return applyIngest(host, document, via, receivedAt, confirmed);
  }

  /**
   * Publishes one batch (publishes run one after another; concurrent ingests
   * share batches), so the ingest's invocation stays within its subrequests;
   * true when the events up to outbox position `seq` (this ingest's) are
   * readable. The alarm publishes the rest.
   */
  private async publishThrough(seq: number | null): Promise<boolean> {
    const done = await this.publish();
    return seq === null ? done || !this.store.pending() : !this.store.waitingThrough(seq);
  }

  private publish(): Promise<boolean> {
    return this.publishes.run(() => this.publishOnce());
  }

  private async publishOnce(): Promise<boolean> {
    const config = this.config();
    if (!config) return true;
    try {
      const out = await publishOutboxHead(this.env, this.store, config.id, () => this.listing(config));
      if (this.status().publish_error) this.commit({ meta: { status: statusAfterPublish(this.status(), null) } });
      if (out.more) await this.ctx.storage.setAlarm(Date.now());
      return !out.more;
    } catch (err) {
      // The retry first: if recording the failure fails too, the alarm still publishes.
      await this.ctx.storage.setAlarm(Date.now() + PUBLISH_RETRY_MS);
      const error = { at: toUtcIso(Date.now()), message: String(err instanceof Error ? err.message : err) };
      try {
        this.commit({ meta: { status: statusAfterPublish(this.status(), error) } });
      } catch (recordErr) {
        console.error(`source ${config.id}: publish failed (${error.message}) and so did recording it`, recordErr);
      }
      return false;
    }
  }

  /**
   * SCHEDULE_SOURCES=false: the alarm only publishes; polls and clock runs
   * happen when asked (POST /poll, tick) — for tests that drive time themselves.
   */
  private scheduled(): boolean {
    return readConfig(this.env).scheduleSources;
  }

  private listing(config: SourceConfig): SourceListing {
    const { scheduleSources, reminders } = readConfig(this.env);
    return sourceListing({
      config,
      items: this.loadItems(),
      status: this.status(),
      poll: this.pollState(),
      store: this.store,
      scheduled: scheduleSources,
      thresholds: reminders,
      now: Date.now(),
    });
  }

  /** Sets the alarm for the next thing to do and lists the source (view, wake time) in the catalog. */
  private async reschedule(): Promise<void> {
    const config = this.config();
    if (!config) return;
    const listing = this.listing(config);
    if (listing.wakeAt === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(listing.wakeAt);
    await catalogStub(this.env).putSource(listing);
  }

  /** Polls the source's URL now (whatever its interval); null when the source has no URL. */
  async pollNow(now: number): Promise<PollReport | null> {
    const config = this.config();
    if (!config?.url) return null;
    const report = await pollSource(this.env, config, now, {
      pollState: () => this.pollState(),
      ingest: (document, at) => this.ingest(document, "poll", at),
      record: (fn) =>
        this.writes.run(async () => {
          this.commit(await fn(this.pollState(), this.status()));
        }),
    });
    if (report.events.some((e) => e.type.startsWith("source."))) await this.publish();
    return report;
  }

  /** Wakes the object now (the cron sweep, for a source whose alarm seems lost). */
  async wake(): Promise<void> {
    await this.ctx.storage.setAlarm(Date.now());
  }

  /** Clock events for every live item at `now`; returns how many fired. */
  async runClock(now: number): Promise<number> {
    const config = this.config();
    if (!config) return 0;
    const fired = await this.writes.run(() =>
      applyClockRun(
        {
          source: config.id,
          state: this.loadItems(),
          store: this.store,
          thresholds: readConfig(this.env).reminders,
          status: () => this.status(),
          commit: (c) => this.commit(c),
        },
        now,
      ),
    );
    if (fired > 0) await this.publish();
    return fired;
  }

  /**
   * One scheduled run at `now`: what waits in the outbox, a poll if its
   * interval has elapsed, the clock events that fell due; then the alarm is
   * set for the next of these. An idle run writes nothing but the listing.
   */
  async tick(now: number): Promise<{ polled: boolean; events: number }> {
    const config = this.config();
    if (!config) return { polled: false, events: 0 };
    if (this.store.pending()) await this.publish();
    let polled = false;
    let count = 0;
    if (pollDue(config.url !== undefined, config.interval_minutes, this.pollState().last_polled_at, now)) {
      count += (await this.pollNow(now))?.events.length ?? 0;
      polled = true;
    }
    count += await this.runClock(now);
    await this.reschedule();
    return { polled, events: count };
  }

  override async alarm(): Promise<void> {
    if (this.scheduled()) await this.tick(Date.now());
    else if (this.store.pending()) await this.publish();
  }
}
