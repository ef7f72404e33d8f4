/**
 * Validators for cacheable reads: an ETag over what the response is built
 * from (computed before anything is fetched), Last-Modified from when the
 * content last changed (the latest time one of its events was written), and
 * the If-None-Match / If-Modified-Since decision (RFC 9110: when
 * If-None-Match is present, If-Modified-Since is ignored).
 */

export async function strongEtag(...parts: string[]): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\n")));
  const hex = [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex}"`;
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  const weak = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => weak(t) === weak(etag));
}

/** RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must accept. */
const HTTP_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/** An HTTP-date in ms, or null when the value is not one (RFC 9110 §13.1.3: then the field is ignored). */
export function parseHttpDate(value: string): number | null {
  const v = value.trim();
  if (!HTTP_DATE.test(v)) return null;
  const ms = Date.parse(v.endsWith("GMT") ? v : `${v} GMT`);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The Last-Modified value for content last changed at `ms`, or null while
 * that second has not fully passed: HTTP dates have whole seconds, so a
 * change later in the same second would otherwise carry the same date and a
 * reader asking If-Modified-Since would be told nothing changed.
 */
export function lastModified(ms: number | null, now: number = Date.now()): string | null {
  if (ms === null || Math.floor(ms / 1000) >= Math.floor(now / 1000)) return null;
  return new Date(ms).toUTCString();
}

/**
 * If-None-Match decides when present; else If-Modified-Since against the
 * Last-Modified actually sent (`lastModifiedValue`, null when none was), and
 * only when it is a valid HTTP-date not later than now.
 */
export function isNotModified(req: Request, etag: string, lastModifiedValue: string | null): boolean {
  const inm = req.headers.get("if-none-match");
  if (inm !== null) return etagMatches(inm, etag);
  const ims = req.headers.get("if-modified-since");
  if (ims === null || lastModifiedValue === null) return false;
  const since = parseHttpDate(ims);
  if (since === null || since > Date.now()) return false;
  return Date.parse(lastModifiedValue) <= since;
}
