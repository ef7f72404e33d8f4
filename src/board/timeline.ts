/**
 * An item's timeline as geometry for an inline SVG (drawn on the server):
 * x is when each event happened, y what the item's tracked value was after
 * it — a deadline's due time, a meeting's level (leaders at the top). Every
 * event is a marker (its summary becomes the marker's <title>); the value
 * between events is a step line. A meeting's status after each event is a
 * label under its marker.
 */
import type { ChangeEvent, JsonValue } from "../events/event.ts";
import { type Item, MEETING_LEVELS } from "../model/item.ts";
import { instantOf, parseRfc3339 } from "../time/instant.ts";

export const TL_WIDTH = 640;
export const TL_HEIGHT = 200;
const PAD_L = 128;
const PAD_R = 24;
const TOP = 20;
const BOTTOM = 150;
/** The plot area, for the axes and labels the page draws. */
export const TL_AXIS = { left: PAD_L, top: TOP, bottom: BOTTOM, right: TL_WIDTH - PAD_R } as const;

export interface Marker {
  x: number;
  y: number;
  at: string;
  summary: string;
  severity: ChangeEvent["severity"];
  /** The value after this event, as shown beside the axis (a date, a level). */
  value: string;
  /** A meeting's status after this event. */
  status?: string;
}

export interface Timeline {
  kind: Item["kind"];
  markers: Marker[];
  /** The state before the first event (a hollow marker at the left). */
  start: { x: number; y: number; value: string; status?: string };
  /** Step line through the markers: SVG path data. */
  path: string;
  /** Labels along the y axis. */
  yLabels: { y: number; text: string }[];
  /** First and last event times under the x axis. */
  xLabels: { x: number; text: string }[];
}

function changeOf(e: ChangeEvent, field: string): { from: JsonValue; to: JsonValue } | undefined {
  return e.changes.find((c) => c.field === field);
}

/** The value of `field` before the first event, then after each one (oldest first). */
function valuesOver(events: ChangeEvent[], field: string, current: string | undefined): (string | undefined)[] {
  const first = events.find((e) => changeOf(e, field));
  let value: string | undefined = first ? ((changeOf(first, field)?.from as string | null) ?? undefined) : current;
  const out = [value];
  for (const e of events) {
    const c = changeOf(e, field);
    if (c) value = (c.to as string | null) ?? undefined;
    out.push(value);
  }
  return out;
}

const dateLabel = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

/** Events from X0 to the right edge by time (one event: at the right); the state before them at PAD_L. */
const X0 = PAD_L + 56;
const X1 = TL_WIDTH - PAD_R - 16;
function xScale(times: number[]): (t: number) => number {
  const min = Math.min(...times);
  const max = Math.max(...times);
  return (t) => (max === min ? X1 : X0 + ((t - min) / (max - min)) * (X1 - X0));
}

function stepPath(points: { x: number; y: number }[]): string {
  if (!points.length) return "";
  const parts = [`M${points[0].x.toFixed(1)} ${points[0].y.toFixed(1)}`];
  for (let i = 1; i < points.length; i++) parts.push(`H${points[i].x.toFixed(1)}V${points[i].y.toFixed(1)}`);
  parts.push(`H${TL_WIDTH - PAD_R}`);
  return parts.join("");
}

function deadlineY(item: Item, dues: (string | undefined)[]): { ys: number[]; labels: Timeline["yLabels"] } {
  const ms = dues.map((d) => (d ? instantOf(d, item.timezone, "end") : null));
  const known = ms.filter((m): m is number => m !== null);
  if (!known.length) return { ys: ms.map(() => BOTTOM), labels: [{ y: BOTTOM, text: "no due date" }] };
  const min = Math.min(...known);
  const max = Math.max(...known);
  const y = (m: number) => (max === min ? (TOP + BOTTOM) / 2 : BOTTOM - ((m - min) / (max - min)) * (BOTTOM - TOP));
  const labels = [...new Set([min, max])].map((m) => ({ y: y(m), text: dateLabel(m).slice(0, 10) }));
  return { ys: ms.map((m) => (m === null ? BOTTOM : y(m))), labels };
}

function meetingY(levels: (string | undefined)[]): { ys: number[]; labels: Timeline["yLabels"] } {
  const step = (BOTTOM - TOP) / (MEETING_LEVELS.length - 1);
  const y = (level: string | undefined) => {
    const i = MEETING_LEVELS.indexOf(level as (typeof MEETING_LEVELS)[number]);
    return i < 0 ? BOTTOM : TOP + i * step;
  };
  return { ys: levels.map(y), labels: MEETING_LEVELS.map((l, i) => ({ y: TOP + i * step, text: l })) };
}

/** `events` newest first, as the catalog gives them. Null when there is nothing to draw. */
export function buildTimeline(item: Item, eventsNewestFirst: ChangeEvent[]): Timeline | null {
  const events = [...eventsNewestFirst].reverse();
  if (!events.length) return null;
  const times = events.map((e) => parseRfc3339(e.occurred_at));
  const x = xScale(times);
  const isDeadline = item.kind === "deadline";
  const values = isDeadline
    ? valuesOver(events, "due", item.due)
    : valuesOver(events, "level", item.kind === "meeting" ? item.level : undefined);
  const statuses = isDeadline ? [] : valuesOver(events, "status", item.status);
  const { ys, labels } = isDeadline ? deadlineY(item, values) : meetingY(values);
  const none = isDeadline ? "no due date" : "no level";
  const markers: Marker[] = events.map((e, i) => ({
    x: x(times[i]),
    y: ys[i + 1],
    at: e.occurred_at,
    summary: e.summary,
    severity: e.severity,
    value: values[i + 1] ?? none,
    ...(statuses[i + 1] !== undefined && { status: statuses[i + 1] }),
  }));
  const start = {
    x: PAD_L,
    y: ys[0],
    value: values[0] ?? none,
    ...(statuses[0] !== undefined && { status: statuses[0] }),
  };
  const xs = [...new Set([times[0], times[times.length - 1]])];
  return {
    kind: item.kind,
    markers,
    start,
    path: stepPath([start, ...markers]),
    yLabels: labels,
    xLabels: xs.map((t) => ({ x: x(t), text: dateLabel(t) })),
  };
}
