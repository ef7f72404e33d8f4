/**
 * Picks the encoding of a fetched or pushed body (by media type, else the
 * source's configured format, else by sniffing) and decodes it into the raw
 * document shape that parseDocument validates.
 */
import type { DocumentMode } from "../model/document.ts";
import type { SourceFormat } from "../sources/source-config.ts";
import { excerpt } from "../text/excerpt.ts";
import { decodeJsonText } from "./decode-json.ts";
import { DocumentError } from "./errors.ts";
import { decodeXml } from "./xml/decode-xml.ts";

export type Encoding = "json" | "xml";

export interface DecodedBody {
  raw: unknown;
  encoding: Encoding;
  /** The spec's default when the document does not say: snapshot for JSON, updates for XML. */
  defaultMode: DocumentMode;
  /** True when the decoder has ruled out characters text may not hold (src/text/xml-characters.ts) for the whole document. */
  charactersChecked: boolean;
}

/**
 * The encoding a media type announces: JSON for application/json and any
 * `+json` type (application/vnd.parley.update+json); XML for application/xml,
 * text/xml and any `+xml` type (application/rss+xml, application/atom+xml).
 * Parameters (`; charset=utf-8`) and case are ignored. Null when unknown.
 */
export function mediaTypeKind(contentType: string | null): Encoding | null {
  if (!contentType) return null;
  const semicolon = contentType.indexOf(";");
  const essence = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  const slash = essence.indexOf("/");
  if (slash <= 0 || slash === essence.length - 1) return null;
  if (essence === "application/json" || essence.endsWith("+json")) return "json";
  if (essence === "application/xml" || essence === "text/xml" || essence.endsWith("+xml")) return "xml";
  return null;
}

/** JSON or XML by the first character that is not whitespace (or a byte order mark). */
function sniff(text: string): Encoding | null {
  const m = /^[\s\uFEFF]*([{<])/.exec(text);
  if (!m) return null;
  return m[1] === "{" ? "json" : "xml";
}

function encodingOf(text: string, contentType: string | null, format: SourceFormat): Encoding {
  const announced = mediaTypeKind(contentType);
  if (announced) return announced;
  if (format === "json") return "json";
  if (format === "rss" || format === "atom") return "xml";
  const sniffed = sniff(text);
  if (sniffed) return sniffed;
  const type = contentType ? `content type ${excerpt(contentType)}` : "no content type";
  throw new DocumentError(
    "unsupported_media_type",
    `cannot tell the encoding: ${type} is neither JSON nor XML, and the body starts with neither "{" (JSON) nor "<" (XML)`,
  );
}

/**
 * Decodes a body. The media type decides when it is a known JSON or XML type;
 * otherwise (e.g. a polled source served as text/plain) the source's
 * configured format, and with format "auto" the first non-blank character.
 * `documentUrl` (where a polled body came from) resolves relative XML links.
 */
export function decodeBody(
  text: string,
  contentType: string | null,
  format: SourceFormat = "auto",
  documentUrl?: string,
): DecodedBody {
  const encoding = encodingOf(text, contentType, format);
  if (encoding === "json") {
    const json = decodeJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return { raw: json.value, encoding, defaultMode: "snapshot", charactersChecked: json.charactersChecked };
  }
  // decodeXml refuses such characters anywhere in the text (they make XML not well-formed).
  return { raw: decodeXml(text, documentUrl), encoding, defaultMode: "updates", charactersChecked: true };
}
