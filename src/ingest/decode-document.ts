/**
 * Text in, validated document out: the one ingest path shared by pushes and
 * polls. Decodes JSON or XML (by content type, format, then the document's
 * first character) and validates; throws DocumentError otherwise.
 */
import type { UpdateDocument } from "../model/document.ts";
import type { SourceFormat } from "../sources/source-config.ts";
import { decodeBody } from "./decode-body.ts";
import { parseDocument } from "./parse-document.ts";

export interface DecodeOptions {
  contentType: string | null;
  format?: SourceFormat;
  /** RFC 3339 UTC. */
  receivedAt: string;
  maxItems?: number;
}

export function decodeDocument(text: string, options: DecodeOptions): UpdateDocument {
  const { raw, defaultMode } = decodeBody(text, options.contentType, options.format ?? "auto");
  return parseDocument(raw, { receivedAt: options.receivedAt, defaultMode, maxItems: options.maxItems });
}
