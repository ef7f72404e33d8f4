/**
 * The body of a feed entry: what changed, before → after, as an HTML fragment
 * and as plain text. Built with the tiny `escapeXml` (src/render/xml-text.ts),
 * not an XML builder: every piece of source text is escaped and source HTML is
 * never trusted. The finished fragment goes into RSS and Atom as a CDATA
 * section written by the feed's XMLBuilder (which splits any `]]>`), and into
 * JSON Feed as a string.
 */
import type { Change, ChangeEvent } from "../events/event.ts";
import { stripInvalidXmlChars } from "../text/xml-characters.ts";
import { eventLink } from "./event-link.ts";
import { escapeXml } from "./xml-text.ts";

export interface EventBody {
  /** `<ul><li><b>field</b>: before → after</li>…</ul>` and a link to the item when it has one. */
  html: string;
  /** One line per change, `field: before → after`, then the item's URL when it has one. */
  text: string;
}

const NONE = "—";

function isLocation(value: object): value is { venue?: unknown; city?: unknown; country?: unknown } {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === "venue" || k === "city" || k === "country");
}

/** A change value as a reader wants to see it. Not escaped. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return NONE;
  if (typeof value === "string") return value === "" ? NONE : value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? NONE : value.map(formatValue).join(", ");
  if (typeof value === "object") {
    if (isLocation(value)) {
      const parts = [value.venue, value.city, value.country].filter((p) => typeof p === "string" && p !== "");
      return parts.length === 0 ? NONE : parts.join(", ");
    }
    return JSON.stringify(value) ?? NONE;
  }
  return String(value);
}

/** `added: A, B; removed: C`, or "" when the change lists neither. Not escaped. */
function listDelta(change: Change): string {
  const parts: string[] = [];
  if (change.added && change.added.length > 0) parts.push(`added: ${change.added.join(", ")}`);
  if (change.removed && change.removed.length > 0) parts.push(`removed: ${change.removed.join(", ")}`);
  return parts.join("; ");
}

/** `before → after`, followed by `(added: A, B; removed: C)` when the change lists names. Not escaped. */
export function changeText(change: Change): string {
  const delta = listDelta(change);
  const line = `${formatValue(change.from)} → ${formatValue(change.to)}`;
  return delta === "" ? line : `${line} (${delta})`;
}

/** The HTML body alone (RSS needs no text form): `<ul><li><b>field</b>: before → after</li>…</ul>`, then the link. */
export function eventBodyHtml(event: ChangeEvent, link: string | undefined = eventLink(event)): string {
  let html: string;
  if (event.changes.length === 0) html = `<p>${escapeXml(event.summary)}</p>`;
  else {
    html = "<ul>";
    for (const change of event.changes) {
      html += `<li><b>${escapeXml(change.field)}</b>: ${escapeXml(changeText(change))}</li>`;
    }
    html += "</ul>";
  }
  if (link !== undefined) {
    const href = escapeXml(link);
    html += `<p><a href="${href}">${href}</a></p>`;
  }
  return html;
}

/** The plain-text body alone: one line per change, then the item's URL. */
export function eventBodyText(event: ChangeEvent, link: string | undefined = eventLink(event)): string {
  const lines: string[] = [];
  if (event.changes.length === 0) lines.push(stripInvalidXmlChars(event.summary));
  else for (const change of event.changes) lines.push(stripInvalidXmlChars(`${change.field}: ${changeText(change)}`));
  if (link !== undefined) lines.push(stripInvalidXmlChars(link));
  return lines.join("\n");
}

export function eventBody(event: ChangeEvent): EventBody {
  const link = eventLink(event);
  return { html: eventBodyHtml(event, link), text: eventBodyText(event, link) };
}
