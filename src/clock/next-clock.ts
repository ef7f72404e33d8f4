/**
 * When a source's clock next has something to do: the earliest reminder
 * moment or due instant, after `now`, that has not fired yet for any live
 * item. The source's Durable Object sets its alarm for it, so no cron run has
 * to ask every source whether something fell due.
 */
import type { Item } from "../model/item.ts";
import { instantOf, toUtcIso } from "../time/instant.ts";
import { type ClockThresholds, type FiredRecord, firedKey, scheduleOf, thresholdList } from "./clock-events.ts";

/** The next clock moment (ms) of one item not fired yet (`now` + 1 ms at the earliest: something already due), or null when it has none. */
export function nextItemClock(item: Item, fired: FiredRecord, now: number, thresholds: ClockThresholds): number | null {
  const schedule = scheduleOf(item, thresholds);
  if (!schedule?.eligible) return null;
  const due = instantOf(schedule.value, item.timezone, schedule.dateOnlyAs);
  if (Number.isNaN(due)) return null;
  const dueIso = toUtcIso(due);
  let next: number | null = null;
  const consider = (at: number, key: string) => {
    if (fired[key] || (next !== null && at >= next)) return;
    next = Math.max(at, now + 1);
  };
  for (const t of thresholdList(schedule.thresholds)) {
    consider(due - t.ms, firedKey(schedule.approachKind, t.name, dueIso));
  }
  if (schedule.lapsedKind) consider(due, firedKey(schedule.lapsedKind, "", dueIso));
  return next;
}

/** The earliest next clock moment over a source's live items, or null. */
export function nextClockAt(
  items: Iterable<{ key: string; item: Item; removed: boolean }>,
  fired: ReadonlyMap<string, FiredRecord>,
  now: number,
  thresholds: ClockThresholds,
): number | null {
  let next: number | null = null;
  for (const { key, item, removed } of items) {
    if (removed) continue;
    const at = nextItemClock(item, fired.get(key) ?? {}, now, thresholds);
    if (at !== null && (next === null || at < next)) next = at;
  }
  return next;
}
