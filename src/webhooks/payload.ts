/**
 * The body of one webhook delivery, in the subscription's format:
 * - `standard`: the change event itself, `JSON.stringify(event)` (events spec);
 *   this is the body that is signed;
 * - `slack`: a Slack incoming-webhook message (payload-slack.ts);
 * - `discord`: a Discord webhook message with one embed (payload-discord.ts).
 * Slack and Discord deliveries are not signed.
 */
import type { ChangeEvent } from "../events/event.ts";
import { discordMessage } from "./payload-discord.ts";
import { slackMessage } from "./payload-slack.ts";
import type { WebhookFormat } from "./subscription-schema.ts";

export interface PayloadLinks {
  /** Where a person can see this event in parley (absolute http(s) URL). */
  eventUrl?: string;
}

export function buildPayload(event: ChangeEvent, format: WebhookFormat, links: PayloadLinks = {}): string {
  switch (format) {
    case "standard":
      return JSON.stringify(event);
    case "slack":
      return JSON.stringify(slackMessage(event, links));
    case "discord":
      return JSON.stringify(discordMessage(event, links));
    default:
      throw new Error(`unknown webhook format "${String(format)}"`);
  }
}
