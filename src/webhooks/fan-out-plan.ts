/**
 * Which (event, subscription) pairs to deliver, and how to cut the queue
 * messages into sendBatch calls: at most 100 messages and 256 KB per call
 * (Cloudflare Queues' limits), so 1,000 subscriptions × one small event is
 * 10 calls.
 */
import type { ChangeEvent } from "../events/event.ts";
import { matchesSubscription } from "./subscription-filter.ts";
import type { DeliveryMessage, SubscriptionRecord } from "./subscription-record.ts";

export const SEND_BATCH_MAX_MESSAGES = 100;
/** Below the 256 KB per sendBatch call, leaving room for per-message overhead. */
export const SEND_BATCH_MAX_BYTES = 200_000;

export type FanOutTarget = Pick<SubscriptionRecord, "id" | "enabled" | "filters">;

export interface PlannedMessage {
  body: DeliveryMessage;
  /** Approximate encoded size (the event's JSON plus the subscription id). */
  bytes: number;
}

const encoder = new TextEncoder();

export function planDeliveries(
  events: readonly ChangeEvent[],
  subscriptions: readonly FanOutTarget[],
  exclude?: string,
): PlannedMessage[] {
  const out: PlannedMessage[] = [];
  for (const event of events) {
    let size = -1;
    for (const sub of subscriptions) {
      if (!sub.enabled || sub.id === exclude || !matchesSubscription(event, sub.filters)) continue;
      if (size < 0) size = encoder.encode(JSON.stringify(event)).length;
      out.push({ body: { subscription_id: sub.id, event }, bytes: size + 100 });
    }
  }
  return out;
}

/** Groups messages into sendBatch calls within both limits (a single oversized message gets its own call). */
export function chunkMessages<T extends { bytes: number }>(
  messages: readonly T[],
  maxMessages = SEND_BATCH_MAX_MESSAGES,
  maxBytes = SEND_BATCH_MAX_BYTES,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const m of messages) {
    if (current.length > 0 && (current.length >= maxMessages || bytes + m.bytes > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += m.bytes;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
