/**
 * The change kinds of the events spec, in the order of its table (the order
 * `kinds` lists them in; `type` is the first), with their severities.
 *
 * Where each kind is produced:
 *
 * | kinds                                                          | produced by                            |
 * |----------------------------------------------------------------|----------------------------------------|
 * | deadline.created, meeting.announced (new, or listed again)     | src/track/apply-document.ts            |
 * | deadline.removed, meeting.removed (missing from a snapshot)    | src/track/apply-document.ts            |
 * | deadline.met, .missed, .withdrawn, .reopened, .extended,       | src/detect/diff-deadline.ts            |
 * |   .advanced, .updated                                          |                                        |
 * | meeting.cancelled, .postponed, .rescheduled, .relocated,       | src/detect/diff-meeting.ts             |
 * |   .downgraded, .upgraded, .held, .started, .confirmed,         |                                        |
 * |   .scheduled, .participants_changed, .updated                  |                                        |
 * | deadline.lapsed, deadline.approaching, meeting.starting_soon   | src/clock/clock-events.ts (CLOCK_KINDS) |
 * | source.failing, source.recovered                               | src/sources/source-health-event.ts     |
 * | subscription.disabled, ping                                    | src/webhooks/operational-events.ts     |
 *
 * A revision's findings become one event in src/detect/build-event.ts (kinds
 * ordered by this table, severity the highest); the clock, source-health and
 * operational events are built whole where they are produced, their severity
 * read from KIND_SEVERITY.
 */

import { excerpt } from "../text/excerpt.ts";
import type { Severity } from "./event.ts";

export const KIND_ORDER = [
  "deadline.created",
  "meeting.announced",
  "deadline.removed",
  "meeting.removed",
  "deadline.met",
  "deadline.missed",
  "deadline.withdrawn",
  "deadline.reopened",
  "deadline.lapsed",
  "deadline.extended",
  "deadline.advanced",
  "deadline.approaching",
  "meeting.cancelled",
  "meeting.postponed",
  "meeting.rescheduled",
  "meeting.relocated",
  "meeting.downgraded",
  "meeting.upgraded",
  "meeting.held",
  "meeting.started",
  "meeting.confirmed",
  "meeting.scheduled",
  "meeting.participants_changed",
  "meeting.starting_soon",
  "deadline.updated",
  "meeting.updated",
  "source.failing",
  "source.recovered",
  "subscription.disabled",
  "ping",
] as const;

export type EventKind = (typeof KIND_ORDER)[number];

const RANK = new Map<string, number>(KIND_ORDER.map((k, i) => [k, i]));

export const KIND_SEVERITY: Record<EventKind, Severity> = {
  "deadline.created": "info",
  "meeting.announced": "info",
  "deadline.removed": "major",
  "meeting.removed": "major",
  "deadline.met": "major",
  "deadline.missed": "major",
  "deadline.withdrawn": "major",
  "deadline.reopened": "major",
  "deadline.lapsed": "major",
  "deadline.extended": "major",
  "deadline.advanced": "major",
  "deadline.approaching": "info",
  "meeting.cancelled": "major",
  "meeting.postponed": "major",
  "meeting.rescheduled": "major",
  "meeting.relocated": "major",
  "meeting.downgraded": "major",
  "meeting.upgraded": "major",
  "meeting.held": "major",
  "meeting.started": "major",
  "meeting.confirmed": "minor",
  "meeting.scheduled": "minor",
  "meeting.participants_changed": "minor",
  "meeting.starting_soon": "info",
  "deadline.updated": "minor",
  "meeting.updated": "minor",
  "source.failing": "major",
  "source.recovered": "info",
  "subscription.disabled": "major",
  ping: "info",
};

export function isEventKind(kind: string): kind is EventKind {
  return RANK.has(kind);
}

/** Distinct kinds in table order. */
export function orderKinds(kinds: Iterable<EventKind>): EventKind[] {
  return [...new Set(kinds)].sort((a, b) => (RANK.get(a) ?? 0) - (RANK.get(b) ?? 0));
}

/** The highest severity among the kinds. */
export function severityOf(kinds: readonly EventKind[]): Severity {
  let best: Severity = "info";
  for (const k of kinds) {
    const s = KIND_SEVERITY[k];
    if (s === "major") return s;
    if (s === "minor") best = s;
  }
  return best;
}

/** Kinds the scheduled run produces from the clock, not from a revision. */
export const CLOCK_KINDS: ReadonlySet<string> = new Set([
  "deadline.lapsed",
  "deadline.approaching",
  "meeting.starting_soon",
]);

/** The part before the dot of every kind: `deadline`, `meeting`, `source`, `subscription`. */
export const EVENT_KIND_PREFIXES: readonly string[] = [
  ...new Set(KIND_ORDER.filter((k) => k.includes(".")).map((k) => k.slice(0, k.indexOf(".")))),
];

/** A type pattern: `*` (every kind), `prefix.*` for a known prefix (`meeting.*`), or an exact known kind. */
export function isValidTypePattern(pattern: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return EVENT_KIND_PREFIXES.includes(pattern.slice(0, -2));
  return (KIND_ORDER as readonly string[]).includes(pattern);
}

/** Why a pattern is refused (the same words for feeds, the events API and subscriptions). */
export function typePatternProblem(pattern: string): string {
  return `unknown event type pattern ${excerpt(pattern)}: expected "*", "<prefix>.*" (prefix one of ${EVENT_KIND_PREFIXES.join(", ")}) or an event kind such as "deadline.missed"`;
}
