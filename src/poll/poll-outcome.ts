/**
 * Turns one fetch of a source into a poll outcome and, when the source sent a
 * new document, the validated document to ingest. A 304 is not parsed at all;
 * a document that fails validation is a "rejected" outcome with the error.
 */
import { decodeDocument } from "../ingest/decode-document.ts";
import { DocumentError } from "../ingest/errors.ts";
import type { UpdateDocument } from "../model/document.ts";
import type { SourceFormat } from "../sources/source-config.ts";
import { boundedErrorMessage } from "../sources/source-status.ts";
import type { FetchOutcome } from "./fetch-source.ts";
import type { PollOutcome } from "./poll-health.ts";

export interface PollStep {
  outcome: PollOutcome;
  document?: UpdateDocument;
  /** Validators to send next time (only from an accepted 200). */
  validators?: { etag?: string; last_modified?: string };
}

export function pollStep(fetched: FetchOutcome, format: SourceFormat, at: string): PollStep {
  const base = { at, bytes: fetched.kind === "ok" ? fetched.bytes : 0, items: 0, events: 0 };
  if (fetched.kind === "not_modified") {
    return { outcome: { ...base, result: "not_modified", status: 304, duration_ms: fetched.durationMs } };
  }
  if (fetched.kind === "error") {
    return {
      outcome: {
        ...base,
        result: "error",
        ...(fetched.status !== undefined && { status: fetched.status }),
        bytes: fetched.bytes ?? 0,
        duration_ms: fetched.durationMs,
        error: boundedErrorMessage(fetched.error),
      },
    };
  }
  try {
    const document = decodeDocument(fetched.body, {
      contentType: fetched.contentType,
      format,
      receivedAt: at,
      documentUrl: fetched.finalUrl,
    });
    return {
      outcome: {
        ...base,
        result: "ok",
        status: fetched.status,
        items: document.items.length,
        duration_ms: fetched.durationMs,
      },
      document,
      validators: {
        ...(fetched.etag !== undefined && { etag: fetched.etag }),
        ...(fetched.lastModified !== undefined && { last_modified: fetched.lastModified }),
      },
    };
  } catch (err) {
    if (!(err instanceof DocumentError)) throw err;
    return {
      outcome: {
        ...base,
        result: "rejected",
        status: fetched.status,
        duration_ms: fetched.durationMs,
        error: boundedErrorMessage(`rejected document: ${err.message}`),
      },
    };
  }
}
