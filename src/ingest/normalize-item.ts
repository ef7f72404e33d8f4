/**
 * Builds the stored Item from a validated item: fixed key order, absent
 * fields omitted, list fields de-duplicated case-insensitively, updated_at in
 * UTC. Both encodings pass through here, so equal facts give equal items.
 */
import type { Deadline, Location, Meeting } from "../model/item.ts";
import { parseRfc3339, toUtcIso } from "../time/instant.ts";
import type { DeadlineInput, MeetingInput } from "./item-schema.ts";

function uniqueNames(list: string[] | undefined): string[] {
  if (!list) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of list) {
    const key = name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(name);
    }
  }
  return out;
}

/** Already `YYYY-MM-DDTHH:MM:SSZ` (the common case): kept as is, no re-formatting. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function utc(value: string): string {
  return CANONICAL_UTC.test(value) ? value : toUtcIso(parseRfc3339(value));
}

function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function common(input: DeadlineInput | MeetingInput, fallbackUpdatedAt: string) {
  return {
    id: input.id,
    title: input.title,
    ...(input.summary !== undefined && { summary: input.summary }),
    ...(input.url !== undefined && { url: input.url }),
    updated_at: utc(input.updated_at ?? fallbackUpdatedAt),
    tags: uniqueNames(input.tags),
    parties: uniqueNames(input.parties),
    timezone: input.timezone ?? "UTC",
  };
}

export function normalizeDeadline(input: DeadlineInput, fallbackUpdatedAt: string): Deadline {
  const d: Deadline = { kind: "deadline", ...common(input, fallbackUpdatedAt), status: input.status };
  put(d, "due", input.due);
  put(d, "due_text", input.due_text);
  put(d, "set_by", input.set_by);
  return d;
}

export function normalizeMeeting(input: MeetingInput, fallbackUpdatedAt: string): Meeting {
  const m: Meeting = {
    kind: "meeting",
    ...common(input, fallbackUpdatedAt),
    participants: uniqueNames(input.participants),
    status: input.status,
  };
  put(m, "starts_at", input.starts_at);
  put(m, "ends_at", input.ends_at);
  if (input.location) {
    const loc: Location = {};
    put(loc, "city", input.location.city);
    put(loc, "country", input.location.country);
    put(loc, "venue", input.location.venue);
    if (Object.keys(loc).length > 0) m.location = loc;
  }
  put(m, "level", input.level);
  put(m, "outcome", input.outcome);
  return m;
}
