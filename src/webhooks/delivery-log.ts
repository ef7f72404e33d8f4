/**
 * The per-subscription delivery log (GET /api/subscriptions/{id}/deliveries):
 * one entry per attempt, plus dead-letter and skipped entries; the newest
 * DELIVERY_LOG_SIZE are kept. Entries never hold a secret or a response body.
 */

export const DELIVERY_LOG_SIZE = 200;

export type DeliveryResult =
  /** 2xx */
  | "delivered"
  /** non-2xx, timeout, network error or a refused URL; retried when next_retry_at is set */
  | "failed"
  /** retries exhausted: the dead-letter queue's consumer recorded it */
  | "dead_letter"
  /** not sent: the subscription was disabled when the message came up */
  | "skipped";

export interface DeliveryLogEntry {
  at: string;
  event_id: string;
  event_type: string;
  /** 1-based attempt number (the queue message's attempts); absent when unknown. */
  attempt?: number;
  result: DeliveryResult;
  /** HTTP status, when a response arrived. */
  status?: number;
  duration_ms?: number;
  error?: string;
  /** When the next attempt is due (RFC 3339), for a failure that will be retried. */
  next_retry_at?: string;
  replay?: true;
}

/** Storage key of log entry number `seq`: zero-padded so keys sort in order. */
export function logKey(seq: number): string {
  return `log:${String(seq).padStart(12, "0")}`;
}
