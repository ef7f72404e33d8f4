/**
 * One scheduled run of the clock over a source's tracked items: the clock
 * events that fell due (src/clock/clock-events.ts), the items whose history
 * gained them, and the fired records that changed. Pure: the caller persists
 * what is returned; an idle run returns nothing to write.
 */
import { type ClockThresholds, clockEvents, type FiredRecord } from "../clock/clock-events.ts";
import type { ChangeEvent } from "../events/event.ts";
import { toUtcIso } from "../time/instant.ts";
import { type TrackedItem, withEvent } from "./tracked-item.ts";

export interface ClockRunInput {
  source: string;
  /** Keyed by itemKey. */
  state: ReadonlyMap<string, TrackedItem>;
  /** Fired records by itemKey (absent: nothing fired yet). */
  fired: ReadonlyMap<string, FiredRecord>;
  /** ms since the epoch. */
  now: number;
  thresholds: ClockThresholds;
}

export interface ClockRunResult {
  events: ChangeEvent[];
  /** Items whose history gained an event. */
  updates: Map<string, TrackedItem>;
  /** Fired records that changed. */
  fired: Map<string, FiredRecord>;
}

/** Same keys, values and key order (the order says which keys are dropped first). */
function sameRecord(a: FiredRecord, b: FiredRecord): boolean {
  const keys = Object.keys(a);
  const other = Object.keys(b);
  return keys.length === other.length && keys.every((k, i) => other[i] === k && a[k] === b[k]);
}

export async function applyClock(input: ClockRunInput): Promise<ClockRunResult> {
  const { source, now, thresholds } = input;
  const detectedAt = toUtcIso(now);
  const result: ClockRunResult = { events: [], updates: new Map(), fired: new Map() };
  for (const [key, tracked] of input.state) {
    if (tracked.removed_at !== undefined) continue;
    const before = input.fired.get(key) ?? {};
    const r = await clockEvents({ source, item: tracked.item, fired: before, now, thresholds, detectedAt });
    if (!sameRecord(before, r.fired)) result.fired.set(key, r.fired);
    if (r.events.length === 0) continue;
    let next = tracked;
    for (const event of r.events) {
      result.events.push(event);
      next = withEvent(next, event);
    }
    result.updates.set(key, next);
  }
  return result;
}
