/**
 * Turns the findings of one revision into one change event (events spec):
 * kinds in table order, type = the first, severity = the highest, changes in
 * the same order, a readable summary, and an id derived from the source, the
 * item and the content of the change — never from when it was seen.
 *
 * The content of a change includes where it starts from: the id of the item's
 * previous change event. So the same change from the same state (a retry, a
 * replay) always has the same id, while an item removed and listed again, or
 * moved A→B→A→B, gets a new id for each real change — receivers that
 * de-duplicate on the id (webhook-id, feed guid) never drop a real change.
 */
import type { Change, ChangeEvent } from "../events/event.ts";
import { eventId } from "../events/event-id.ts";
import { KIND_ORDER, orderKinds, severityOf } from "../events/event-kinds.ts";
import type { Item } from "../model/item.ts";
import type { Finding } from "./finding.ts";
import { summarize } from "./summary.ts";

const RANK = new Map<string, number>(KIND_ORDER.map((k, i) => [k, i]));

export interface RevisionContext {
  source: string;
  /** RFC 3339 UTC: the revision's updated_at (or, for a removal, the document's time). */
  occurredAt: string;
  /** RFC 3339 UTC: now. */
  detectedAt: string;
  /** The id of the item's previous change event (clock events aside), if it has one. */
  previous?: string;
}

/** A stable key for a value: object keys sorted, so equal content always hashes alike. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export async function buildEvent(item: Item, findings: readonly Finding[], ctx: RevisionContext): Promise<ChangeEvent> {
  const kinds = orderKinds(findings.map((f) => f.kind));
  const sorted = [...findings].sort((a, b) => (RANK.get(a.kind) ?? 0) - (RANK.get(b.kind) ?? 0));
  const changes: Change[] = sorted.flatMap((f) => (f.change ? [f.change] : []));
  const id = await eventId(ctx.source, item.kind, item.id, kinds.join(","), canonical(changes), ctx.previous ?? "");
  return {
    id,
    type: kinds[0],
    kinds,
    severity: severityOf(kinds),
    source: ctx.source,
    item,
    changes,
    summary: summarize(item, kinds, findings),
    occurred_at: ctx.occurredAt,
    detected_at: ctx.detectedAt,
  };
}
