/**
 * One clock run inside a source's single writer: the clock events that fell
 * due for its items at `now`, committed with the fired records and the status
 * as one transaction. Returns how many events fired (the caller publishes).
 */
import type { ClockThresholds } from "../../src/clock/clock-events.ts";
import type { SourceStatus } from "../../src/sources/source-status.ts";
import { statusAfterClock } from "../../src/sources/status-bookkeeping.ts";
import { applyClock } from "../../src/track/apply-clock.ts";
import type { TrackedItem } from "../../src/track/tracked-item.ts";
import type { Commit, SourceStore } from "./source-store.ts";

export interface ClockRunHost {
  source: string;
  /** The stored items; updated in place once the commit succeeds. */
  state: Map<string, TrackedItem>;
  store: SourceStore;
  thresholds: ClockThresholds;
  /** Read after the clock ran, so the status committed is the latest. */
  status(): SourceStatus;
  commit(c: Commit): number | null;
}

export async function applyClockRun(host: ClockRunHost, now: number): Promise<number> {
  const { state } = host;
  const r = await applyClock({
    source: host.source,
    state,
    fired: host.store.loadFired(),
    now,
    thresholds: host.thresholds,
  });
  if (r.fired.size === 0 && r.updates.size === 0) return 0;
  host.commit({
    items: r.updates,
    fired: r.fired,
    events: r.events,
    meta: { status: statusAfterClock(host.status(), r.events.length) },
  });
  for (const [key, tracked] of r.updates) state.set(key, tracked);
  return r.events.length;
}
