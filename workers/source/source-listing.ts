/**
 * A source's listing in the catalog: its view (GET /api/sources) and when its
 * object next wakes — to publish what waits, retry a failed publish, poll
 * once the interval has elapsed, or fire the next clock event.
 */
import type { ClockThresholds } from "../../src/clock/clock-events.ts";
import { nextClockAt } from "../../src/clock/next-clock.ts";
import type { PollState } from "../../src/poll/poll-health.ts";
import { nextWake } from "../../src/sources/next-wake.ts";
import type { SourceConfig } from "../../src/sources/source-config.ts";
import type { SourceStatus } from "../../src/sources/source-status.ts";
import { sourceView } from "../../src/sources/source-view.ts";
import type { TrackedItem } from "../../src/track/tracked-item.ts";
import type { SourceListing } from "../catalog/catalog-types.ts";
import { PUBLISH_RETRY_MS } from "../config.ts";
import type { SourceStore } from "./source-store.ts";

export interface ListingInput {
  config: SourceConfig;
  items: ReadonlyMap<string, TrackedItem>;
  status: SourceStatus;
  poll: PollState;
  store: SourceStore;
  /** SCHEDULE_SOURCES: false, and the object wakes only to publish. */
  scheduled: boolean;
  thresholds: ClockThresholds;
  now: number;
}

export function sourceListing(input: ListingInput): SourceListing {
  const { config, status, poll, store, scheduled, now } = input;
  const items = [...input.items].map(([key, t]) => ({ key, item: t.item, removed: t.removed_at !== undefined }));
  const retry = status.publish_error ? now + PUBLISH_RETRY_MS : undefined;
  const wakeAt = nextWake({
    now,
    pending: store.pending(),
    ...(retry !== undefined && { retryAt: retry }),
    polled: scheduled && config.url !== undefined,
    intervalMinutes: config.interval_minutes,
    lastPolledAt: poll.last_polled_at,
    clockAt: scheduled ? nextClockAt(items, store.loadFired(), now, input.thresholds) : null,
  });
  return { view: sourceView(config, status, poll, store.outboxSize()), wakeAt };
}
