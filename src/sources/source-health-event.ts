/**
 * Operational events about a source's health (events spec): `source.failing`
 * after N failed polls in a row, `source.recovered` on the next success. The
 * `item` is the source; the id is stable per run of failures.
 */
import type { ChangeEvent } from "../events/event.ts";
import { eventId } from "../events/event-id.ts";
import { KIND_SEVERITY } from "../events/event-kinds.ts";

export interface SourceHealthInput {
  source: string;
  title?: string;
  url?: string;
  transition: "failing" | "recovered";
  /** When the run of failures began (RFC 3339). */
  failingSince: string;
  consecutiveFailures: number;
  lastError?: string;
  /** RFC 3339 UTC. */
  now: string;
}

export async function sourceHealthEvent(input: SourceHealthInput): Promise<ChangeEvent> {
  const kind = input.transition === "failing" ? "source.failing" : "source.recovered";
  const name = input.title ?? input.source;
  const summary =
    input.transition === "failing"
      ? `Source "${name}" is failing: ${input.consecutiveFailures} polls in a row${input.lastError ? ` (last: ${input.lastError})` : ""}`
      : `Source "${name}" recovered: polled successfully again`;
  return {
    id: await eventId(input.source, kind, input.failingSince),
    type: kind,
    kinds: [kind],
    severity: KIND_SEVERITY[kind],
    source: input.source,
    item: {
      kind: "source",
      id: input.source,
      ...(input.title !== undefined && { title: input.title }),
      ...(input.url !== undefined && { url: input.url }),
      consecutive_failures: input.consecutiveFailures,
      failing_since: input.failingSince,
      ...(input.lastError !== undefined && { last_error: input.lastError }),
    },
    changes: [],
    summary,
    occurred_at: input.now,
    detected_at: input.now,
  };
}
