/**
 * Body in, validated document out: the one ingest path shared by pushes and
 * polls. Bytes become text in their character encoding (text-encoding.ts),
 * then JSON or XML is decoded (by content type, format, then the document's
 * first character) and validated; throws DocumentError otherwise.
 */
import type { UpdateDocument } from "../model/document.ts";
import type { SourceFormat } from "../sources/source-config.ts";
import { decodeBody } from "./decode-body.ts";
import { parseDocument } from "./parse-document.ts";
import { documentText } from "./text-encoding.ts";

export interface DecodeOptions {
  contentType: string | null;
  format?: SourceFormat;
  /** RFC 3339 UTC. */
  receivedAt: string;
  maxItems?: number;
  /** Where a polled body came from (after redirects): the base of relative links in XML. */
  documentUrl?: string;
}

/** `body` as received (bytes), or text already decoded. */
export function decodeDocument(body: Uint8Array | string, options: DecodeOptions): UpdateDocument {
  const text = typeof body === "string" ? body : documentText(body, options.contentType);
  const { raw, defaultMode, charactersChecked } = decodeBody(
    text,
    options.contentType,
    options.format ?? "auto",
    options.documentUrl,
  );
  return parseDocument(raw, {
    receivedAt: options.receivedAt,
    defaultMode,
    maxItems: options.maxItems,
    charactersChecked,
  });
}
