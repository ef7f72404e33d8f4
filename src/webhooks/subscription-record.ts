/**
 * A webhook subscription as stored by its Durable Object and listed in the
 * KV index (never with its secret), how a PATCH applies to it, and the
 * views the API returns.
 */
import type { ChangeEvent } from "../events/event.ts";
import type {
  CreateSubscriptionBody,
  PatchSubscriptionBody,
  SubscriptionFilter,
  WebhookFormat,
} from "./subscription-schema.ts";

/** What the KV index (`sub:<id>`) and the fan-out see: no secret, no health. */
export interface SubscriptionRecord {
  id: string;
  url: string;
  format: WebhookFormat;
  filters: SubscriptionFilter;
  enabled: boolean;
  description?: string;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionHealthState {
  last_success_at?: string;
  last_failure_at?: string;
  /** Start of the current run of failures (cleared by a success). */
  failing_since?: string;
  consecutive_failures: number;
  dead_letters: number;
  disabled_reason?: string;
  disabled_at?: string;
  /** The subscription.disabled event could not be published yet (KV or the queue failed); retried by alarm. */
  publish_error?: { at: string; message: string };
}

/** GET /api/subscriptions/{id}: the record and its health; never a secret. */
export interface SubscriptionView extends SubscriptionRecord {
  health: SubscriptionHealthState;
  /** When the previous secret stops signing, during a rotation's overlap. */
  previous_secret_expires_at?: string;
}

const FILTER_KEYS = ["types", "sources", "tags", "items", "severity"] as const;

export function newSubscriptionRecord(id: string, body: CreateSubscriptionBody, now: string): SubscriptionRecord {
  const filters: SubscriptionFilter = {};
  for (const k of FILTER_KEYS) if (body[k] !== undefined) Object.assign(filters, { [k]: body[k] });
  return {
    id,
    url: body.url,
    format: body.format,
    filters,
    enabled: true,
    ...(body.description !== undefined && { description: body.description }),
    created_at: now,
    updated_at: now,
  };
}

/** The record after a PATCH: `null` removes a filter or the description. */
export function applySubscriptionPatch(
  record: SubscriptionRecord,
  patch: PatchSubscriptionBody,
  now: string,
): SubscriptionRecord {
  const next: SubscriptionRecord = { ...record, filters: { ...record.filters }, updated_at: now };
  if (patch.url !== undefined) next.url = patch.url;
  if (patch.enabled !== undefined) next.enabled = patch.enabled;
  if (patch.format !== undefined) next.format = patch.format;
  if (patch.description === null) delete next.description;
  else if (patch.description !== undefined) next.description = patch.description;
  for (const k of FILTER_KEYS) {
    const v = patch[k];
    if (v === null) delete next.filters[k];
    else if (v !== undefined) Object.assign(next.filters, { [k]: v });
  }
  return next;
}

export function emptyHealth(): SubscriptionHealthState {
  return { consecutive_failures: 0, dead_letters: 0 };
}

/**
 * A webhook URL as it may appear in an event or a log line: its origin only.
 * Slack and Discord URLs carry their secret in the path.
 */
export function redactedUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid url)";
  }
}

/**
 * One queue message: deliver an event to one subscription. The event travels
 * in the message (`event`), or, when its JSON is too large for a queue message
 * (Cloudflare Queues take 128 KB), as a reference into the event log
 * (`event_ref`), which the consumer reads.
 */
export interface DeliveryMessage {
  subscription_id: string;
  event?: ChangeEvent;
  event_ref?: EventRef;
  /** Set by replay (for the delivery log). */
  replay?: true;
  /** The source's title when it has one, set at fan-out: chat messages name the source by it. */
  source_name?: string;
  /** Set when the consumer itself dead-letters a message: the attempts made. */
  attempts?: number;
}

/** Where an event too large for a queue message is read from: its event-log key. */
export interface EventRef {
  id: string;
  key: string;
}
