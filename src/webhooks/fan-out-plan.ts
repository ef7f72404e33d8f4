/**
 * Which (event, subscription) pairs to deliver, and how to cut the queue
 * messages into sendBatch calls: at most 100 messages and 256 KB per call
 * (Cloudflare Queues' limits), so 1,000 subscriptions × one small event is
 * 10 calls.
 */
import type { ChangeEvent } from "../events/event.ts";
import { eventKey } from "../events/event-index.ts";
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

/**
 * The largest event (JSON bytes) carried inside a queue message; a larger one
 * (a meeting with 100 long participant names changed, say) goes by reference
 * to the event log, so it can never make a send fail and hold back the
 * deliveries of every later event.
 */
export const MAX_INLINE_EVENT_BYTES = 100_000;

/** The message for one (event, subscription) pair, with its approximate size. */
export function deliveryMessage(
  subscriptionId: string,
  event: ChangeEvent,
  eventBytes: number,
  replay = false,
): PlannedMessage {
  const flags = replay ? { replay: true as const } : {};
  if (eventBytes > MAX_INLINE_EVENT_BYTES) {
    const event_ref = { id: event.id, key: eventKey(event) };
    return { body: { subscription_id: subscriptionId, event_ref, ...flags }, bytes: 300 };
  }
  return { body: { subscription_id: subscriptionId, event, ...flags }, bytes: eventBytes + 100 };
}

export function eventBytes(event: ChangeEvent): number {
  return encoder.encode(JSON.stringify(event)).length;
}

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
      if (size < 0) size = eventBytes(event);
      out.push(deliveryMessage(sub.id, event, size));
    }
  }
  return out;
}

/** Groups messages into sendBatch calls within both limits. */
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
