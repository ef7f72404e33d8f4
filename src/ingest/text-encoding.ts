/**
 * The text of a document body. Which character encoding the bytes are in is
 * decided as RFC 7303 §3 says for XML media types: a byte order mark first,
 * then the `charset` parameter of the Content-Type, then the `encoding` of the
 * XML declaration, and UTF-8 when none says (the only encoding JSON has, per
 * RFC 8259; a charset parameter on JSON is honoured all the same). Labels are
 * those of the WHATWG Encoding Standard that TextDecoder knows (iso-8859-1,
 * windows-1252, koi8-r, shift_jis, …). Bytes that are invalid in the encoding
 * become U+FFFD, as in feed readers; an unknown label rejects the document.
 */
import { DocumentError, excerpt } from "./errors.ts";

export type CharsetSource = "byte order mark" | "Content-Type charset" | "XML declaration" | "default";

const CHARSET_PARAM = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]+))/i;
const XML_DECLARATION_ENCODING = /^<\?xml\s[^>]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/;
/** An XML declaration is short; this many bytes always hold it. */
const DECLARATION_BYTES = 256;

function bomCharset(b: Uint8Array): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  if (b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  return undefined;
}

/** The encoding label the XML declaration names, read as ASCII (every encoding it may name is ASCII-compatible there). */
function declaredCharset(b: Uint8Array): string | undefined {
  let head = "";
  const n = Math.min(b.length, DECLARATION_BYTES);
  for (let i = 0; i < n; i++) head += String.fromCharCode(b[i]);
  const m = XML_DECLARATION_ENCODING.exec(head);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The encoding label that applies to a body, and what said so. */
export function charsetOf(bytes: Uint8Array, contentType: string | null): { label: string; from: CharsetSource } {
  const bom = bomCharset(bytes);
  if (bom) return { label: bom, from: "byte order mark" };
  const param = contentType ? CHARSET_PARAM.exec(contentType) : null;
  const fromHeader = param ? (param[1] ?? param[2]).trim() : "";
  if (fromHeader) return { label: fromHeader, from: "Content-Type charset" };
  const declared = declaredCharset(bytes)?.trim();
  if (declared) return { label: declared, from: "XML declaration" };
  return { label: "utf-8", from: "default" };
}

/** Decodes a body to text in its encoding; a leading byte order mark is dropped. */
export function documentText(bytes: Uint8Array, contentType: string | null): string {
  const { label, from } = charsetOf(bytes, contentType);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new DocumentError(
      "unsupported_charset",
      `unsupported character encoding ${excerpt(label)} (from the ${from}): send UTF-8, or an encoding of the WHATWG Encoding Standard such as iso-8859-1, windows-1252 or koi8-r`,
    );
  }
  return decoder.decode(bytes);
}
