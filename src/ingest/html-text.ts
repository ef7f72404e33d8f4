/**
 * The plain text of an HTML fragment, for Atom text constructs with
 * `type="html"` (RFC 4287 §3.1.1.2: the element holds escaped HTML), since the
 * update-feed spec keeps titles and summaries as plain text: tags and comments
 * are dropped, character references decoded as a browser decodes them (the
 * `entities` package, with the full HTML table). Only the text is kept: any
 * markup is escaped again on output, never trusted.
 */
import { decodeHTML } from "entities";

const MARKUP = /<!--[\s\S]*?-->|<\/?[A-Za-z][^<>]*>/g;

export function htmlToText(html: string): string {
  if (html.indexOf("<") < 0 && html.indexOf("&") < 0) return html;
  return decodeHTML(html.replace(MARKUP, "")).trim();
}
