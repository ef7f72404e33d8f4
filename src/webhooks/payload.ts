/**
 * The body of one webhook delivery, in the subscription's format:
 * - `standard`: the change event itself (events spec) with Standard Webhooks'
 *   `timestamp` (when the event occurred: its `occurred_at`, so a retry sends
 *   the same body); this is the body that is signed;
 * - `slack`: a Slack incoming-webhook message (payload-slack.ts);
 * - `discord`: a Discord webhook message with one embed (payload-discord.ts).
 * Slack and Discord deliveries are not signed.
 */
import type { ChangeEvent } from "../events/event.ts";
import { discordMessage } from "./payload-discord.ts";
import { slackMessage } from "./payload-slack.ts";
import type { WebhookFormat } from "./subscription-schema.ts";

export interface PayloadLinks {
  /** Where a person can see this event in parley: its item's page on the board (absolute http(s) URL). */
  eventUrl?: string;
  /** The source's title, when known (else the message names its id). */
  sourceName?: string;
}

export function buildPayload(event: ChangeEvent, format: WebhookFormat, links: PayloadLinks = {}): string {
  switch (format) {
    case "standard":
      return JSON.stringify({ ...event, timestamp: event.occurred_at });
    case "slack":
      return JSON.stringify(slackMessage(event, links));
    case "discord":
      return JSON.stringify(discordMessage(event, links));
    default:
      throw new Error(`unknown webhook format "${String(format)}"`);
  }
}
