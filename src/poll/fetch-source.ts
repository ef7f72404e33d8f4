/**
 * One poll of a source URL, bounded in every direction: a timeout over the
 * whole exchange (redirects and body included), a body-size limit enforced
 * while streaming (the stream is cancelled as soon as it is exceeded; a
 * declared Content-Length over the limit is refused before reading), at most
 * `maxRedirects` redirects followed by hand (http/https only), every URL
 * checked before its request like a webhook target (src/sources/source-url.ts:
 * no loopback, private or metadata address, https only) unless `allowPrivate`, and
 * conditional requests from the last response's ETag / Last-Modified so that
 * an unchanged source answers 304 with no body to read.
 * Never throws: every failure is a FetchOutcome of kind "error" with a
 * message fit for an operator.
 */

import { MAX_BODY_BYTES, POLL_TIMEOUT_MS } from "../config/defaults.ts";
import { readLimited, untilAbort } from "../io/read-limited.ts";
import { resolveWithDoh } from "../net/url-safety.ts";
import { checkSourceUrl } from "../sources/source-url.ts";
import { excerpt, truncate } from "../text/excerpt.ts";

export const DEFAULT_MAX_REDIRECTS = 3;

export const ACCEPT =
  "application/vnd.parley.update+json, application/json;q=0.9, application/atom+xml;q=0.9, " +
  "application/rss+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface FetchSourceOptions {
  /** ETag of the last 200 response: sent as If-None-Match. */
  etag?: string;
  /** Last-Modified of the last 200 response: sent as If-Modified-Since. */
  lastModified?: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** e.g. `parley/0.1.0`. */
  userAgent: string;
  fetch?: typeof fetch;
  /**
   * ALLOW_PRIVATE_SOURCES=true (local development): skip the address checks
   * and allow http://. Off unless set: every URL, redirects included, is
   * checked before its request.
   */
  allowPrivate?: boolean;
  /** Resolves host names for the address check (default: DNS-over-HTTPS). */
  resolve?: (host: string) => Promise<string[]>;
}

export type FetchOutcome =
  | { kind: "not_modified"; status: 304; durationMs: number; finalUrl: string }
  | {
      kind: "ok";
      status: number;
      /** The body's bytes, undecoded: decodeDocument reads its character encoding. */
      body: Uint8Array;
      contentType: string | null;
      etag?: string;
      lastModified?: string;
      bytes: number;
      durationMs: number;
      finalUrl: string;
    }
  | { kind: "error"; status?: number; error: string; bytes?: number; durationMs: number; finalUrl?: string };

class Failure extends Error {
  readonly status?: number;
  readonly bytes?: number;
  constructor(message: string, status?: number, bytes?: number) {
    super(message);
    this.status = status;
    this.bytes = bytes;
  }
}

function httpUrl(value: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new Failure(`invalid URL ${excerpt(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Failure(`unsupported URL scheme ${truncate(url.protocol, 40)} (only http and https)`);
  }
  return url;
}

function discard(res: Response): void {
  res.body?.cancel().catch(() => {});
}

export async function fetchSource(url: string, options: FetchSourceOptions): Promise<FetchOutcome> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? POLL_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const doFetch = options.fetch ?? fetch;
  const controller = new AbortController();
  const timeout = new Failure(`timed out after ${timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
  const signal = controller.signal;

  const headers: Record<string, string> = { accept: ACCEPT, "user-agent": options.userAgent };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;

  const allowPrivate = options.allowPrivate === true;
  const resolve = options.resolve ?? ((host: string) => resolveWithDoh(host));
  let current: URL | undefined;
  let status: number | undefined;
  try {
    current = httpUrl(url);
    for (let redirects = 0; ; redirects++) {
      // The guard runs before each request, as DNS may have changed since the source was configured.
      const check = await untilAbort(checkSourceUrl(current.href, { allowPrivate, resolve }), signal);
      if (!check.ok)
        throw new Failure(`${redirects === 0 ? "URL" : `redirect ${redirects}`} refused: ${check.reason}`, status);
      const res = await untilAbort(
        doFetch(current.href, { method: "GET", headers, redirect: "manual", signal }),
        signal,
      );
      status = res.status;
      if (REDIRECTS.has(res.status)) {
        discard(res);
        const location = res.headers.get("location");
        if (!location) throw new Failure(`HTTP ${res.status} redirect without a Location header`, res.status);
        if (redirects >= maxRedirects) throw new Failure(`too many redirects (more than ${maxRedirects})`, res.status);
        current = httpUrl(location, current.href);
        continue;
      }
      if (res.status === 304) {
        discard(res);
        return { kind: "not_modified", status: 304, durationMs: Date.now() - started, finalUrl: current.href };
      }
      if (res.status < 200 || res.status > 299) {
        discard(res);
        throw new Failure(`HTTP ${res.status}${res.statusText ? ` ${truncate(res.statusText, 80)}` : ""}`, res.status);
      }
      const declared = Number(res.headers.get("content-length") ?? Number.NaN);
      if (declared > maxBytes) {
        discard(res);
        throw new Failure(`body exceeds ${maxBytes} bytes (Content-Length: ${declared})`, res.status, 0);
      }
      const read = await readLimited(res.body, maxBytes, signal);
      if (!read.ok) throw new Failure(`body exceeds ${maxBytes} bytes`, res.status, read.bytes);
      const etag = res.headers.get("etag");
      const lastModified = res.headers.get("last-modified");
      return {
        kind: "ok",
        status: res.status,
        body: read.body,
        contentType: res.headers.get("content-type"),
        ...(etag !== null && { etag }),
        ...(lastModified !== null && { lastModified }),
        bytes: read.bytes,
        durationMs: Date.now() - started,
        finalUrl: current.href,
      };
    }
  } catch (err) {
    const failure =
      signal.aborted && signal.reason === timeout
        ? timeout
        : err instanceof Failure
          ? err
          : new Failure(`request failed: ${truncate(err instanceof Error ? err.message : String(err), 200)}`);
    // The last status seen (e.g. a 200 whose body then timed out or overran).
    const lastStatus = failure.status ?? status;
    return {
      kind: "error",
      ...(lastStatus !== undefined && { status: lastStatus }),
      error: failure.message,
      ...(failure.bytes !== undefined && { bytes: failure.bytes }),
      durationMs: Date.now() - started,
      ...(current && { finalUrl: current.href }),
    };
  } finally {
    clearTimeout(timer);
  }
}
