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

/** One exchange in progress: its settings, and what the catch must report (the URL and status reached). */
interface Exchange {
  readonly started: number;
  readonly signal: AbortSignal;
  readonly headers: Record<string, string>;
  readonly doFetch: typeof fetch;
  readonly allowPrivate: boolean;
  readonly resolve: (host: string) => Promise<string[]>;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  current?: URL;
  status?: number;
}

export async function fetchSource(url: string, options: FetchSourceOptions): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? POLL_TIMEOUT_MS;
  const controller = new AbortController();
  const timeout = new Failure(`timed out after ${timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
  const x = exchange(options, controller.signal);
  try {
    const res = await followRedirects(httpUrl(url), x);
    return await outcome(res, x);
  } catch (err) {
    return errorOutcome(err, x, timeout);
  } finally {
    clearTimeout(timer);
  }
}

function exchange(options: FetchSourceOptions, signal: AbortSignal): Exchange {
  const headers: Record<string, string> = { accept: ACCEPT, "user-agent": options.userAgent };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;
  return {
    started: Date.now(),
    signal,
    headers,
    doFetch: options.fetch ?? fetch,
    allowPrivate: options.allowPrivate === true,
    resolve: options.resolve ?? ((host: string) => resolveWithDoh(host)),
    maxBytes: options.maxBytes ?? MAX_BODY_BYTES,
    maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
  };
}

/** Request: the URL guard, then one GET that does not follow redirects. */
async function request(url: URL, redirects: number, x: Exchange): Promise<Response> {
  x.current = url;
  // The guard runs before each request, as DNS may have changed since the source was configured.
  const check = await untilAbort(
    checkSourceUrl(url.href, { allowPrivate: x.allowPrivate, resolve: x.resolve }),
    x.signal,
  );
  if (!check.ok)
    throw new Failure(`${redirects === 0 ? "URL" : `redirect ${redirects}`} refused: ${check.reason}`, x.status);
  const doFetch = x.doFetch; // called unbound: workerd's fetch refuses another `this`
  const res = await untilAbort(
    doFetch(url.href, { method: "GET", headers: x.headers, redirect: "manual", signal: x.signal }),
    x.signal,
  );
  x.status = res.status;
  return res;
}

/** Redirects: requests until a response that is not a redirect, at most `maxRedirects` hops. */
async function followRedirects(url: URL, x: Exchange): Promise<Response> {
  for (let redirects = 0; ; redirects++) {
    const res = await request(url, redirects, x);
    if (!REDIRECTS.has(res.status)) return res;
    discard(res);
    const location = res.headers.get("location");
    if (!location) throw new Failure(`HTTP ${res.status} redirect without a Location header`, res.status);
    if (redirects >= x.maxRedirects) throw new Failure(`too many redirects (more than ${x.maxRedirects})`, res.status);
    url = httpUrl(location, url.href);
  }
}

/** Read body: the declared length first, then the stream, cancelled once it passes the limit. */
async function readBody(res: Response, x: Exchange): Promise<{ body: Uint8Array; bytes: number }> {
  const declared = Number(res.headers.get("content-length") ?? Number.NaN);
  if (declared > x.maxBytes) {
    discard(res);
    throw new Failure(`body exceeds ${x.maxBytes} bytes (Content-Length: ${declared})`, res.status, 0);
  }
  const read = await readLimited(res.body, x.maxBytes, x.signal);
  if (!read.ok) throw new Failure(`body exceeds ${x.maxBytes} bytes`, res.status, read.bytes);
  return read;
}

/** Outcome of the final response: not modified, a failing status, or the body with its validators. */
async function outcome(res: Response, x: Exchange): Promise<FetchOutcome> {
  const finalUrl = (x.current as URL).href;
  if (res.status === 304) {
    discard(res);
    return { kind: "not_modified", status: 304, durationMs: Date.now() - x.started, finalUrl };
  }
  if (res.status < 200 || res.status > 299) {
    discard(res);
    throw new Failure(`HTTP ${res.status}${res.statusText ? ` ${truncate(res.statusText, 80)}` : ""}`, res.status);
  }
  const read = await readBody(res, x);
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
    durationMs: Date.now() - x.started,
    finalUrl,
  };
}

/** Any failure as an error outcome: the timeout when it fired, else the failure or a network error. */
function errorOutcome(err: unknown, x: Exchange, timeout: Failure): FetchOutcome {
  const failure =
    x.signal.aborted && x.signal.reason === timeout
      ? timeout
      : err instanceof Failure
        ? err
        : new Failure(`request failed: ${truncate(err instanceof Error ? err.message : String(err), 200)}`);
  // The last status seen (e.g. a 200 whose body then timed out or overran).
  const lastStatus = failure.status ?? x.status;
  return {
    kind: "error",
    ...(lastStatus !== undefined && { status: lastStatus }),
    error: failure.message,
    ...(failure.bytes !== undefined && { bytes: failure.bytes }),
    durationMs: Date.now() - x.started,
    ...(x.current && { finalUrl: x.current.href }),
  };
}
