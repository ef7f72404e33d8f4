/**
 * A Slack incoming-webhook message for one change event: `text` (the
 * notification fallback) plus Block Kit blocks — the title and summary, the
 * changes as `field: before → after` lines, and a context line with the kind,
 * severity, source and links. Text is Slack mrkdwn with `&`, `<`, `>` escaped
 * so that source-provided text cannot form links or mentions.
 * Limits respected: section text ≤ 3000 characters, context text ≤ 3000.
 */
import type { ChangeEvent } from "../events/event.ts";
import { formatChangeValue } from "./format-change.ts";
import type { PayloadLinks } from "./payload.ts";
import { itemTitle, itemUrl } from "./payload-text.ts";

export const SLACK_TEXT_LIMIT = 3000;

export interface SlackText {
  type: "mrkdwn";
  text: string;
}

export type SlackBlock = { type: "section"; text: SlackText } | { type: "context"; elements: SlackText[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: boolean;
}

/** Slack's three control characters as entities. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `<url|label>`; `|` in the URL is percent-encoded since it would end the URL. */
export function slackLink(url: string, label: string): string {
  return `<${escapeSlack(url.replace(/\|/g, "%7C"))}|${escapeSlack(label)}>`;
}

/** Cuts already-escaped mrkdwn to `max`, never inside an `&…;` entity, ending with "…". */
export function truncateMrkdwn(text: string, max: number = SLACK_TEXT_LIMIT): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const amp = text.lastIndexOf("&", end);
  if (amp >= 0 && amp > end - 5 && text.indexOf(";", amp) >= end) end = amp;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

export function slackMessage(event: ChangeEvent, links: PayloadLinks): SlackMessage {
  const title = itemTitle(event);
  const summary = escapeSlack(event.summary);
  const heading = title ? `*${escapeSlack(title)}*\n${summary}` : summary;
  const blocks: SlackBlock[] = [{ type: "section", text: mrkdwn(heading) }];
  if (event.changes.length) {
    const lines = event.changes.map((c) => `• *${escapeSlack(c.field)}*: ${escapeSlack(formatChangeValue(c))}`);
    blocks.push({ type: "section", text: mrkdwn(lines.join("\n")) });
  }
  const context = [`\`${escapeSlack(event.type)}\``, event.severity, escapeSlack(event.source)];
  if (links.eventUrl) context.push(slackLink(links.eventUrl, "View in parley"));
  const page = itemUrl(event);
  if (page) context.push(slackLink(page, "Source page"));
  blocks.push({ type: "context", elements: [mrkdwn(context.join(" · "))] });
  return { text: truncateMrkdwn(summary), blocks, unfurl_links: false };
}

function mrkdwn(text: string): SlackText {
  return { type: "mrkdwn", text: truncateMrkdwn(text) };
}
