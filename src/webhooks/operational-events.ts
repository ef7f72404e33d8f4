/**
 * The webhook operational events (events spec): `subscription.disabled`
 * (delivery gave up; says why) and `ping` (a test delivery asked for by hand).
 * Neither carries the subscription's secret, nor its full URL (Slack and
 * Discord URLs are secrets themselves): only the URL's origin.
 */
import type { ChangeEvent } from "../events/event.ts";
import { eventId } from "../events/event-id.ts";
import { KIND_SEVERITY } from "../events/event-kinds.ts";
import { redactedUrl } from "./subscription-record.ts";

/** The `source` of events parley emits about itself rather than about a source. */
export const SYSTEM_SOURCE = "parley";

export interface DisabledEventInput {
  subscriptionId: string;
  url: string;
  reason: string;
  description?: string;
  /** RFC 3339 UTC: when it was disabled. */
  at: string;
}

export async function subscriptionDisabledEvent(input: DisabledEventInput): Promise<ChangeEvent> {
  const kind = "subscription.disabled";
  return {
    id: await eventId(SYSTEM_SOURCE, kind, input.subscriptionId, input.at),
    type: kind,
    kinds: [kind],
    severity: KIND_SEVERITY[kind],
    source: SYSTEM_SOURCE,
    item: {
      kind: "subscription",
      id: input.subscriptionId,
      url: redactedUrl(input.url),
      ...(input.description !== undefined && { description: input.description }),
      reason: input.reason,
    },
    changes: [{ field: "enabled", from: true, to: false }],
    summary: `Webhook subscription ${input.subscriptionId} (${redactedUrl(input.url)}) was disabled: ${input.reason}`,
    occurred_at: input.at,
    detected_at: input.at,
  };
}

/** A test delivery for one subscription; a fresh id per request. */
export async function pingEvent(subscriptionId: string, at: string): Promise<ChangeEvent> {
  const kind = "ping";
  return {
    id: await eventId(SYSTEM_SOURCE, kind, subscriptionId, at, crypto.randomUUID()),
    type: kind,
    kinds: [kind],
    severity: KIND_SEVERITY[kind],
    source: SYSTEM_SOURCE,
    item: { kind: "ping", id: subscriptionId },
    changes: [],
    summary: `Test delivery for webhook subscription ${subscriptionId}`,
    occurred_at: at,
    detected_at: at,
  };
}
