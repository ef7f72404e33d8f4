/**
 * The body of a feed entry, as an HTML fragment and as plain text: a new
 * item's key facts (when, where, level, who, status; due and its wording);
 * each change with its new value first, then the old (`officials (was:
 * ministerial)`), long texts shortened around what differs; the source's name;
 * when the change happened and when parley detected it (in the item's zone);
 * the link. Built with the tiny `escapeXml` (src/render/xml-text.ts), not an
 * XML builder: every piece of source text is escaped and source HTML is never
 * trusted. Block elements are separated by line breaks, so readers that show
 * HTML as plain text do not run list items together. The fragment goes into
 * RSS and Atom as a CDATA section and into JSON Feed as a string.
 */
import type { ChangeEvent } from "../events/event.ts";
import { stripInvalidXmlChars } from "../text/xml-characters.ts";
import { changeLine, changeParts } from "./change-text.ts";
import { type EntryContext, entryContext } from "./entry-context.ts";
import { eventLink } from "./event-link.ts";
import { escapeXml } from "./xml-text.ts";

export { formatValue } from "./change-text.ts";

export interface EventBody {
  html: string;
  text: string;
}

/** What an entry's body says besides the event: where it links and the source's name. */
export interface BodyContext {
  link?: string | undefined;
  /** The source's title, else its id (the default). */
  sourceName?: string;
}

/** Most characters of one value a feed body shows (shortened around the difference). */
export const BODY_VALUE_MAX = 1000;

/** `now (was: old)`, the wording every format shares (plain text, not escaped). */
export function changeText(change: ChangeEvent["changes"][number], zone = "UTC"): string {
  return changeLine(change, zone, 2 * BODY_VALUE_MAX);
}

interface Parts extends EntryContext {
  source: string;
}

function parts(event: ChangeEvent, ctx: BodyContext): Parts {
  return { ...entryContext(event), source: ctx.sourceName ?? event.source };
}

/** The HTML body alone (RSS needs no text form). */
export function eventBodyHtml(event: ChangeEvent, ctx: BodyContext = { link: eventLink(event) }): string {
  return htmlOf(event, ctx, parts(event, ctx));
}

function htmlOf(event: ChangeEvent, ctx: BodyContext, p: Parts): string {
  let html = p.lead === undefined ? "" : `<p>${escapeXml(p.lead)}</p>\n`;
  if (p.facts.length) {
    html += "<ul>\n";
    for (const [k, v] of p.facts) html += `<li><b>${k}</b>: ${escapeXml(v)}</li>\n`;
    html += "</ul>\n";
  }
  if (event.changes.length) {
    html += "<ul>\n";
    for (const change of event.changes) {
      const c = changeParts(change, p.zone, BODY_VALUE_MAX);
      const was = c.was === undefined ? "" : ` <i>(was: ${escapeXml(c.was)})</i>`;
      html += `<li><b>${escapeXml(change.field)}</b>: ${escapeXml(c.now)}${was}</li>\n`;
    }
    html += "</ul>\n";
  }
  html += `<p>Source: ${escapeXml(p.source)}<br>\n${p.times}</p>`;
  if (ctx.link !== undefined) {
    const href = escapeXml(ctx.link);
    html += `\n<p><a href="${href}">${href}</a></p>`;
  }
  return html;
}

/** The plain-text body alone: the same lines as the HTML. */
export function eventBodyText(event: ChangeEvent, ctx: BodyContext = { link: eventLink(event) }): string {
  return textOf(event, ctx, parts(event, ctx));
}

function textOf(event: ChangeEvent, ctx: BodyContext, p: Parts): string {
  const lines: string[] = [];
  if (p.lead !== undefined) lines.push(p.lead);
  for (const [k, v] of p.facts) lines.push(`${k}: ${v}`);
  for (const change of event.changes) {
    const c = changeParts(change, p.zone, BODY_VALUE_MAX);
    lines.push(c.was === undefined ? `${change.field}: ${c.now}` : `${change.field}: ${c.now} (was: ${c.was})`);
  }
  lines.push(`Source: ${p.source}`, p.times);
  if (ctx.link !== undefined) lines.push(ctx.link);
  return stripInvalidXmlChars(lines.join("\n"));
}

export function eventBody(event: ChangeEvent, ctx: BodyContext = { link: eventLink(event) }): EventBody {
  const p = parts(event, ctx);
  return { html: htmlOf(event, ctx, p), text: textOf(event, ctx, p) };
}
