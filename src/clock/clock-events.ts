/**
 * Clock events (events spec): `deadline.approaching`, `deadline.lapsed` and
 * `meeting.starting_soon`, computed for one item at one scheduled run.
 * Pure: the caller passes the current time and the item's FiredRecord from the
 * previous run, and stores the record returned.
 *
 * The due instant: a deadline's `due`, a date-only value meaning the end of
 * that day in the item's `timezone`; a meeting's `starts_at`, a date-only
 * value meaning the start of that day there.
 * Eligible: a deadline with status `open` and a `due`; a meeting with a
 * `starts_at` whose status is not cancelled, postponed, held or in_progress.
 *
 * Each reminder threshold T has a moment, due − T. Sorting the thresholds
 * largest first (T1 > T2 > … > Tn), threshold Ti's window is
 * [due − Ti, due − Ti+1), and the last one's is [due − Tn, due).
 *
 * Rules at a run at time `now`:
 * - A threshold is crossed when now ≥ its moment. Every crossed threshold not
 *   yet in the record is recorded; it is emitted only when now lies in its
 *   own window (and, if graceMs is given, now − moment ≤ graceMs). So at most
 *   one reminder is emitted per run, and a run that was missed catches up with
 *   the one reminder that is current; the larger ones it skipped past are
 *   recorded as `dropped`, never sent late. Once due has passed no reminder
 *   is current: all are dropped.
 * - `deadline.lapsed` fires when now ≥ due and the deadline is still open,
 *   however late the run: once per due instant, never dropped.
 * - The record is keyed by (kind, threshold, due instant), so each fires at
 *   most once per item, threshold and due time, and a new due instant finds
 *   no keys of its own: moving the due time re-arms everything. Keys of other
 *   due instants are kept, so moving the due away and back again repeats
 *   nothing already fired (or dropped) for that instant. The record is
 *   bounded (MAX_FIRED_KEYS, oldest dropped first; the current due instant's
 *   keys are moved last and never dropped). An item that is not eligible
 *   (met, cancelled…) keeps its keys too, so a status flip back does not
 *   repeat reminders already sent for the same due time.
 *
 * Event shape: type = kinds[0] = the clock kind; severity info for
 * approaching / starting_soon, major for lapsed; `changes` is empty (nothing
 * in the item changed — the clock moved); occurred_at is the moment it fell
 * due (due − T, or due for lapsed); id = eventId(source, item kind, item id,
 * clock kind, threshold name or "" for lapsed, due instant as UTC ISO).
 */
import type { ChangeEvent } from "../events/event.ts";
import { eventId } from "../events/event-id.ts";
import { KIND_SEVERITY } from "../events/event-kinds.ts";
import type { Item } from "../model/item.ts";
import { instantOf, isDateOnly, toUtcIso } from "../time/instant.ts";
import {
  DEADLINE_REMINDERS,
  describeDuration,
  MEETING_REMINDERS,
  parseThresholds,
  type Threshold,
} from "./thresholds.ts";

export type ClockKind = "deadline.approaching" | "deadline.lapsed" | "meeting.starting_soon";

/**
 * What already fired for one item: key `kind|threshold|dueIso` (threshold
 * empty for lapsed) → whether it was sent or recorded without sending.
 * Plain JSON; store it beside the item. Key order is meaningful: oldest
 * first (keys are never integer-like, so objects keep insertion order), and
 * the keys of the due instant last evaluated come last.
 */
export type FiredRecord = Record<string, "emitted" | "dropped">;

/**
 * Keys kept per item, across due moves: with the default deadline thresholds
 * (five keys per due instant) the last dozen due times are remembered. The
 * current due instant's keys are never dropped, so a threshold list longer
 * than this can exceed it by those keys only.
 */
export const MAX_FIRED_KEYS = 64;

export interface ClockThresholds {
  deadline: readonly string[];
  meeting: readonly string[];
}

export interface ClockInput {
  source: string;
  item: Item;
  /** The record returned by the previous run for this item ({} when none). */
  fired: FiredRecord;
  /** Milliseconds since the epoch. */
  now: number;
  /** Defaults: deadline 7d, 72h, 24h, 1h; meeting 24h, 1h. */
  thresholds?: ClockThresholds;
  /** Optional extra cap: a reminder more than this late after its moment is dropped even inside its window. */
  graceMs?: number;
  /** RFC 3339 UTC; defaults to toUtcIso(now). */
  detectedAt?: string;
}

export interface ClockResult {
  events: ChangeEvent[];
  fired: FiredRecord;
}

const MEETING_SILENT = new Set(["cancelled", "postponed", "held", "in_progress"]);

export function firedKey(kind: ClockKind, threshold: string, dueIso: string): string {
  return `${kind}|${threshold}|${dueIso}`;
}

export function dueOfKey(key: string): string {
  return key.slice(key.lastIndexOf("|") + 1);
}

/**
 * A copy of the record with the keys of `dueIso` (the current due instant,
 * if any) moved last, in their order: the most recently used due time.
 */
function current(fired: FiredRecord, dueIso: string | undefined): FiredRecord {
  const out: FiredRecord = {};
  const mine: [string, FiredRecord[string]][] = [];
  for (const [key, value] of Object.entries(fired)) {
    if (dueIso !== undefined && dueOfKey(key) === dueIso) mine.push([key, value]);
    else out[key] = value;
  }
  for (const [key, value] of mine) out[key] = value;
  return out;
}

/**
 * Drops the oldest keys until at most MAX_FIRED_KEYS remain, never a key of
 * `dueIso`. Expects the order `current` gives (those keys last), plus any new
 * keys of `dueIso` appended.
 */
function bounded(fired: FiredRecord, dueIso: string | undefined): FiredRecord {
  const entries = Object.entries(fired);
  let excess = entries.length - MAX_FIRED_KEYS;
  if (excess <= 0) return fired;
  const out: FiredRecord = {};
  for (const [key, value] of entries) {
    if (excess > 0 && (dueIso === undefined || dueOfKey(key) !== dueIso)) {
      excess--;
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** `(2025-04-24, end of day America/New_York)` or `(2025-04-24T17:00:00+02:00)`. */
function whenText(value: string, timeZone: string, dateOnlyAs: "start" | "end"): string {
  return isDateOnly(value) ? `(${value}, ${dateOnlyAs} of day ${timeZone})` : `(${value})`;
}

interface Schedule {
  value: string;
  dateOnlyAs: "start" | "end";
  approachKind: ClockKind;
  lapsedKind?: ClockKind;
  thresholds: readonly string[];
  eligible: boolean;
}

const parsedLists = new Map<string, Threshold[]>();

/** parseThresholds, memoized: a run evaluates the same lists for every item. */
export function thresholdList(list: readonly string[]): Threshold[] {
  const k = list.join(",");
  let parsed = parsedLists.get(k);
  if (!parsed) {
    parsed = parseThresholds(list);
    if (parsedLists.size > 64) parsedLists.clear();
    parsedLists.set(k, parsed);
  }
  return parsed;
}

export function scheduleOf(item: Item, thresholds: ClockThresholds): Schedule | undefined {
  if (item.kind === "deadline") {
    if (item.due === undefined) return undefined;
    return {
      value: item.due,
      dateOnlyAs: "end",
      approachKind: "deadline.approaching",
      lapsedKind: "deadline.lapsed",
      thresholds: thresholds.deadline,
      eligible: item.status === "open",
    };
  }
  if (item.starts_at === undefined) return undefined;
  return {
    value: item.starts_at,
    dateOnlyAs: "start",
    approachKind: "meeting.starting_soon",
    thresholds: thresholds.meeting,
    eligible: !MEETING_SILENT.has(item.status),
  };
}

export async function clockEvents(input: ClockInput): Promise<ClockResult> {
  const { source, item, now } = input;
  const thresholds = input.thresholds ?? { deadline: DEADLINE_REMINDERS, meeting: MEETING_REMINDERS };
  const schedule = scheduleOf(item, thresholds);
  const kept = () => ({ events: [], fired: bounded(current(input.fired, undefined), undefined) });
  if (!schedule) return kept();
  const due = instantOf(schedule.value, item.timezone, schedule.dateOnlyAs);
  if (Number.isNaN(due)) return kept();
  const dueIso = toUtcIso(due);
  const fired = current(input.fired, dueIso);
  if (!schedule.eligible) return { events: [], fired: bounded(fired, dueIso) };

  const detectedAt = input.detectedAt ?? toUtcIso(now);
  const when = whenText(schedule.value, item.timezone, schedule.dateOnlyAs);
  const events: ChangeEvent[] = [];

  const make = async (kind: ClockKind, threshold: string, at: number, summary: string): Promise<ChangeEvent> => ({
    id: await eventId(source, item.kind, item.id, kind, threshold, dueIso),
    type: kind,
    kinds: [kind],
    severity: KIND_SEVERITY[kind],
    source,
    item,
    changes: [],
    summary: `${item.title}: ${summary}`,
    occurred_at: toUtcIso(at),
    detected_at: detectedAt,
  });

  const list = thresholdList(schedule.thresholds);
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    const moment = due - t.ms;
    if (now < moment) continue;
    const key = firedKey(schedule.approachKind, t.name, dueIso);
    if (fired[key]) continue;
    const windowEnd = i + 1 < list.length ? due - list[i + 1].ms : due;
    const current = now < windowEnd && (input.graceMs === undefined || now - moment <= input.graceMs);
    fired[key] = current ? "emitted" : "dropped";
    if (!current) continue;
    const verb = schedule.approachKind === "deadline.approaching" ? "due" : "starts";
    events.push(await make(schedule.approachKind, t.name, moment, `${verb} in ${describeDuration(t.ms)} ${when}`));
  }

  if (schedule.lapsedKind && now >= due) {
    const key = firedKey(schedule.lapsedKind, "", dueIso);
    if (!fired[key]) {
      fired[key] = "emitted";
      events.push(await make(schedule.lapsedKind, "", due, `deadline lapsed (due ${when.slice(1, -1)})`));
    }
  }
  return { events, fired: bounded(fired, dueIso) };
}
