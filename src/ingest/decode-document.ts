/**
 * Body in, validated document out: the one ingest path shared by pushes and
 * polls. Bytes become text in their character encoding (text-encoding.ts),
 * then JSON or XML is decoded (by content type, format, then the document's
 * first character) and validated; throws DocumentError otherwise.
 */
import type { UpdateDocument } from "../model/document.ts";
import type { SourceFormat } from "../sources/source-config.ts";
import { truncate } from "../text/excerpt.ts";
import { decodeBody } from "./decode-body.ts";
import { DocumentError, MAX_ERROR_MESSAGE } from "./errors.ts";
import { parseDocument } from "./parse-document.ts";
import { documentText, encodingNote } from "./text-encoding.ts";

export interface DecodeOptions {
  contentType: string | null;
  format?: SourceFormat;
  /** RFC 3339 UTC. */
  receivedAt: string;
  maxItems?: number;
  /** Where a polled body came from (after redirects): the base of relative links in XML. */
  documentUrl?: string;
}

/**
 * `body` as received (bytes), or text already decoded. A document of bytes
 * that is rejected says which encoding it was read in, and why, when that may
 * be the cause (encodingNote): otherwise garbled text reads as a puzzle.
 */
export function decodeDocument(body: Uint8Array | string, options: DecodeOptions): UpdateDocument {
  if (typeof body === "string") return decodeText(body, options);
  const text = documentText(body, options.contentType);
  try {
    return decodeText(text, options);
  } catch (err) {
    if (!(err instanceof DocumentError)) throw err;
    const note = encodingNote(body, options.contentType);
    if (note === null) throw err;
    // The note is kept whole: the message before it is cut if need be.
    throw new DocumentError(
      err.code,
      `${truncate(err.message, MAX_ERROR_MESSAGE - note.length - 3)} (${note})`,
      err.issues,
    );
  }
}

function decodeText(text: string, options: DecodeOptions): UpdateDocument {
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
