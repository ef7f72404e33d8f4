/**
 * A Slack incoming-webhook message for one change event: `text` (the
 * notification fallback: the entry title) plus Block Kit blocks — the title
 * and the item's facts, one section per change (its new value, then the old,
 * each shortened around what differs so the new words show), and a context
 * line with the source, times, kind, severity and links. Text is Slack mrkdwn
 * with `&`, `<`, `>` escaped so that source-provided text cannot form links or
 * mentions. Limits respected: at most 50 blocks, section and context text ≤
 * 3000 characters; changes left out are counted in a last section,
 * "and N more changes", never dropped silently.
 */
import type { ChangeEvent } from "../events/event.ts";
import { changeParts } from "../render/change-text.ts";
import type { PayloadLinks } from "./payload.ts";
import { entryTitle, itemUrl, messageContext, moreChanges } from "./payload-text.ts";

export const SLACK_TEXT_LIMIT = 3000;
export const SLACK_MAX_BLOCKS = 50;

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

/**
 * One change as a section: `*field*` then the new value, then `_was:_` the old.
 * Escaping can lengthen text up to 5×, so values are shortened (around the
 * difference) until the escaped section fits.
 */
function changeSection(change: ChangeEvent["changes"][number], zone: string): SlackBlock {
  const field = `*${escapeSlack(change.field)}*\n`;
  for (let max = 1800; ; max = Math.floor(max / 2)) {
    const now = changeParts(change, zone, max).now;
    const was = changeParts(change, zone, Math.floor(max / 2)).was;
    let text = field + escapeSlack(now);
    if (was !== undefined) text += `\n_was:_ ${escapeSlack(was)}`;
    if (text.length <= SLACK_TEXT_LIMIT || max < 40) return { type: "section", text: mrkdwn(text) };
  }
}

export function slackMessage(event: ChangeEvent, links: PayloadLinks): SlackMessage {
  const title = escapeSlack(entryTitle(event));
  const ctx = messageContext(event);
  let head = `*${title}*`;
  if (ctx.lead !== undefined) head += `\n${escapeSlack(ctx.lead)}`;
  for (const [k, v] of ctx.facts) head += `\n*${k}:* ${escapeSlack(v)}`;
  const blocks: SlackBlock[] = [{ type: "section", text: mrkdwn(head) }];
  // The title and the context take two blocks; a last one says how many changes were left out.
  const changes = event.changes;
  const room = SLACK_MAX_BLOCKS - 2;
  const shown = changes.length <= room ? changes.length : room - 1;
  for (let i = 0; i < shown; i++) blocks.push(changeSection(changes[i], ctx.zone));
  if (shown < changes.length)
    blocks.push({ type: "section", text: mrkdwn(`_${moreChanges(changes.length - shown)}_`) });
  const context = [`*${escapeSlack(links.sourceName ?? event.source)}*`, escapeSlack(ctx.times)];
  context.push(`\`${escapeSlack(event.type)}\` · ${event.severity}`);
  if (links.eventUrl) context.push(slackLink(links.eventUrl, "View in parley"));
  const page = itemUrl(event);
  if (page) context.push(slackLink(page, "Source page"));
  blocks.push({ type: "context", elements: [mrkdwn(context.join(" · "))] });
  return { text: truncateMrkdwn(title), blocks, unfurl_links: false };
}

function mrkdwn(text: string): SlackText {
  return { type: "mrkdwn", text: truncateMrkdwn(text) };
}
