/**
 * The delivery ledger's table in a subscription's Durable Object (SQLite):
 * one row per (event, this subscription) pair. The rules live in
 * src/webhooks/delivery-ledger.ts; this reads rows, applies them, and writes
 * what they return.
 */

import type { PairView } from "../../src/webhooks/delivery-ledger.ts";
import {
  eventIdOf,
  isLost,
  LEDGER_MAX_FINAL,
  type LedgerCounts,
  type LedgerPair,
  ledgerCutoff,
  PAIR_STATES,
  type PairReason,
  type PairState,
  pairOnQueued,
  pairRequeued,
  pairsSkippedOnDisable,
  REQUEUE_BATCH,
} from "../../src/webhooks/delivery-ledger.ts";
import type { DeliveryLogEntry } from "../../src/webhooks/delivery-log.ts";
import type { DeliveryMessage } from "../../src/webhooks/subscription-record.ts";

/** GET /api/subscriptions/{id}/deliveries: the attempt log and the ledger's pairs (newest first), counts by state. */
export interface DeliveriesView {
  deliveries: DeliveryLogEntry[];
  counts: LedgerCounts;
  pairs: PairView[];
}

type Row = {
  event_id: string;
  event_type: string | null;
  state: string;
  reason: string | null;
  attempts: number;
  last_error: string | null;
  replay: number;
  requeues: number;
  recorded_at: number;
  updated_at: number;
  due_at: number | null;
  message: string | null;
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS delivery_pairs (
  event_id TEXT PRIMARY KEY,
  event_type TEXT,
  state TEXT NOT NULL,
  reason TEXT,
  attempts INTEGER NOT NULL,
  last_error TEXT,
  replay INTEGER NOT NULL,
  requeues INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  due_at INTEGER,
  message TEXT
);
CREATE INDEX IF NOT EXISTS delivery_pairs_state ON delivery_pairs (state, due_at);
CREATE INDEX IF NOT EXISTS delivery_pairs_recorded ON delivery_pairs (recorded_at);
CREATE INDEX IF NOT EXISTS delivery_pairs_updated ON delivery_pairs (updated_at);
`;

function fromRow(r: Row): LedgerPair {
  return {
    event_id: r.event_id,
    ...(r.event_type !== null && { event_type: r.event_type }),
    state: r.state as PairState,
    ...(r.reason !== null && { reason: r.reason as PairReason }),
    attempts: r.attempts,
    ...(r.last_error !== null && { last_error: r.last_error }),
    replay: r.replay === 1,
    requeues: r.requeues,
    recorded_at: r.recorded_at,
    updated_at: r.updated_at,
    ...(r.due_at !== null && { due_at: r.due_at }),
    ...(r.message !== null && { message: JSON.parse(r.message) as DeliveryMessage }),
  };
}

/** Pairs recorded between two evictions of old final pairs. */
const EVICT_EVERY = 500;

export class LedgerStore {
  private recordedSinceEvict = 0;

  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
  }

  /** Creates the table if missing (after create(); a deleted subscription's storage is gone). */
  ensureSchema(): void {
    this.sql.exec(SCHEMA);
  }

  get(eventId: string): LedgerPair | undefined {
    const rows = this.sql.exec<Row>("SELECT * FROM delivery_pairs WHERE event_id = ?", eventId).toArray();
    return rows.length ? fromRow(rows[0]) : undefined;
  }

  put(p: LedgerPair): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO delivery_pairs
         (event_id, event_type, state, reason, attempts, last_error, replay, requeues, recorded_at, updated_at, due_at, message)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      p.event_id,
      p.event_type ?? null,
      p.state,
      p.reason ?? null,
      p.attempts,
      p.last_error ?? null,
      p.replay ? 1 : 0,
      p.requeues,
      p.recorded_at,
      p.updated_at,
      p.due_at ?? null,
      p.message ? JSON.stringify(p.message) : null,
    );
  }

  /** Newest recorded first, optionally of one state. */
  list(limit: number, state?: PairState): LedgerPair[] {
    const rows = state
      ? this.sql.exec<Row>(
          "SELECT * FROM delivery_pairs WHERE state = ? ORDER BY recorded_at DESC, event_id LIMIT ?",
          state,
          limit,
        )
      : this.sql.exec<Row>("SELECT * FROM delivery_pairs ORDER BY recorded_at DESC, event_id LIMIT ?", limit);
    return rows.toArray().map(fromRow);
  }

  counts(): LedgerCounts {
    const counts = Object.fromEntries(PAIR_STATES.map((s) => [s, 0])) as LedgerCounts;
    const rows = this.sql.exec<{ state: string; n: number }>(
      "SELECT state, COUNT(*) AS n FROM delivery_pairs GROUP BY state",
    );
    for (const r of rows) if (r.state in counts) counts[r.state as PairState] = r.n;
    return counts;
  }

  /** Records the pairs of messages being queued (pairOnQueued); returns how many were new or started over. */
  recordQueued(messages: readonly DeliveryMessage[], now: number): number {
    let recorded = 0;
    for (const message of messages) {
      const pair = pairOnQueued(this.get(eventIdOf(message)), message, now);
      if (!pair) continue;
      this.put(pair);
      recorded++;
    }
    this.recordedSinceEvict += recorded;
    if (this.recordedSinceEvict >= EVICT_EVERY) this.evict(ledgerCutoff(now));
    return recorded;
  }

  /** The subscription is disabled: every pending pair is skipped. */
  skipPending(now: number): void {
    const rows = this.sql.exec<Row>("SELECT * FROM delivery_pairs WHERE state = 'pending'").toArray();
    for (const pair of pairsSkippedOnDisable(rows.map(fromRow), now)) this.put(pair);
  }

  /**
   * Sends again, with `send`, up to REQUEUE_BATCH pending pairs overdue at
   * `now` (their message is taken as lost), and marks them sent. Returns how
   * many were sent; throws (marking none) when `send` fails.
   */
  async requeueLost(now: number, send: (bodies: DeliveryMessage[]) => Promise<void>): Promise<number> {
    const lost = this.due(now, REQUEUE_BATCH);
    if (lost.length === 0) return 0;
    await send(lost.flatMap((p) => (p.message ? [p.message] : [])));
    for (const { event_id } of lost) {
      const current = this.get(event_id); // an attempt may have come meanwhile
      if (current && isLost(current, now)) this.put(pairRequeued(current, now));
    }
    return lost.length;
  }

  /** Pending pairs due at `now` or before, the most overdue first. */
  due(now: number, limit: number): LedgerPair[] {
    return this.sql
      .exec<Row>(
        "SELECT * FROM delivery_pairs WHERE state = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?",
        now,
        limit,
      )
      .toArray()
      .map(fromRow);
  }

  /** The earliest due time of a pending pair. */
  nextDue(): number | undefined {
    const [row] = this.sql
      .exec<{ t: number | null }>("SELECT MIN(due_at) AS t FROM delivery_pairs WHERE state = 'pending'")
      .toArray();
    return row?.t ?? undefined;
  }

  /** Drops final pairs last changed before `cutoff`, then the oldest beyond `maxFinal`. */
  evict(cutoff: number, maxFinal = LEDGER_MAX_FINAL): void {
    this.recordedSinceEvict = 0;
    this.sql.exec("DELETE FROM delivery_pairs WHERE state != 'pending' AND updated_at < ?", cutoff);
    const [{ n }] = this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM delivery_pairs WHERE state != 'pending'")
      .toArray();
    if (n <= maxFinal) return;
    this.sql.exec(
      `DELETE FROM delivery_pairs WHERE event_id IN (
         SELECT event_id FROM delivery_pairs WHERE state != 'pending' ORDER BY updated_at LIMIT ?)`,
      n - maxFinal,
    );
  }
}
