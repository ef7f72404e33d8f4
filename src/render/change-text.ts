/**
 * One change as people read it, new value first: `officials (was: ministerial)`.
 * Dates are written in the item's zone, lists as what was added and removed,
 * and a long text is shortened around where it differs from the other value,
 * so the new words are always visible whatever the limit (a 3,000-character
 * summary ending "AGREEMENT REACHED" shows `…AGREEMENT REACHED`, not its
 * unchanged first 1,000 characters). Plain text, not escaped.
 */
import type { Change } from "../events/event.ts";
import { humanDate } from "../time/human-date.ts";

const NONE = "—";
const DATE_FIELDS = new Set(["due", "starts_at", "ends_at", "updated_at"]);
/** Characters of unchanged text kept before a difference, so it reads in context. */
const CONTEXT = 40;

function isLocation(value: object): value is { venue?: unknown; city?: unknown; country?: unknown } {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === "venue" || k === "city" || k === "country");
}

/** A change value as a reader wants to see it (dates in `zone` for date fields). Not escaped. */
export function formatValue(value: unknown, field = "", zone = "UTC"): string {
  if (value === null || value === undefined) return NONE;
  if (typeof value === "string") {
    if (value === "") return NONE;
    return DATE_FIELDS.has(field) ? humanDate(value, zone) : value;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? NONE : value.map((v) => formatValue(v)).join(", ");
  if (typeof value === "object") {
    if (isLocation(value)) {
      const parts = [value.venue, value.city, value.country].filter((p) => typeof p === "string" && p !== "");
      return parts.length === 0 ? NONE : parts.join(", ");
    }
    return JSON.stringify(value) ?? NONE;
  }
  return String(value);
}

/** Cuts to at most `max` UTF-16 units, "…" at the end when cut, never splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? "…" : "";
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Index where `a` and `b` first differ, and how many characters they share at their ends (not overlapping). */
function diffBounds(a: string, b: string): { start: number; tail: number } {
  const n = Math.min(a.length, b.length);
  let start = 0;
  while (start < n && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < n - start && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return { start, tail };
}

/**
 * `text` in at most `max` characters, showing where it differs from `other`:
 * from a little before the first difference, "…" marking what is left out.
 */
export function shortenAround(text: string, other: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 8) return cut(text, max);
  const { start } = diffBounds(text, other);
  let from = Math.max(0, start - CONTEXT);
  // Never start in the middle of a surrogate pair.
  const c = text.charCodeAt(from);
  if (from > 0 && c >= 0xdc00 && c <= 0xdfff) from--;
  if (from === 0) return cut(text, max);
  const rest = text.slice(from);
  return `…${cut(rest, max - 1)}`;
}

/** The names of a list change as `12 added: A, B…; 3 removed: C…`, or "" when it has none. */
function listDelta(change: Change): string {
  const added = change.added ?? [];
  const removed = change.removed ?? [];
  const parts: string[] = [];
  if (added.length) parts.push(`${added.length} added: ${added.join(", ")}`);
  if (removed.length) parts.push(`${removed.length} removed: ${removed.join(", ")}`);
  return parts.join("; ");
}

export interface ChangeParts {
  /** The new value (or, for a list, what was added and removed). */
  now: string;
  /** The old value; undefined for a list change, whose delta says it all. */
  was?: string;
}

/** The new and the old value of a change, each at most `max` characters and shortened around their difference. */
export function changeParts(change: Change, zone = "UTC", max = Number.POSITIVE_INFINITY): ChangeParts {
  const delta = listDelta(change);
  if (delta !== "") return { now: cut(delta, max) };
  const now = formatValue(change.to, change.field, zone);
  const was = formatValue(change.from, change.field, zone);
  if (now.length <= max && was.length <= max) return { now, was };
  return { now: shortenAround(now, was, max), was: shortenAround(was, now, max) };
}

/** `now (was: old)` in at most `max` characters: the new value gets most of the room. */
export function changeLine(change: Change, zone = "UTC", max = Number.POSITIVE_INFINITY): string {
  const full = changeParts(change, zone);
  const whole = full.was === undefined ? full.now : `${full.now} (was: ${full.was})`;
  if (whole.length <= max) return whole;
  if (full.was === undefined || max < 24) return cut(full.now, max);
  const room = max - " (was: )".length;
  const wasRoom = Math.min(full.was.length, Math.floor(room * 0.35));
  const nowRoom = room - wasRoom;
  const p = changeParts(change, zone, Math.max(nowRoom, 1));
  const was = shortenAround(
    formatValue(change.from, change.field, zone),
    formatValue(change.to, change.field, zone),
    wasRoom,
  );
  return `${p.now} (was: ${was})`;
}
