/**
 * Validators for cacheable reads: an ETag over what the response is built
 * from (computed before anything is fetched), Last-Modified from the newest
 * event, and the If-None-Match / If-Modified-Since decision (RFC 9110: when
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

export function isNotModified(req: Request, etag: string, lastModifiedMs: number | null): boolean {
  const inm = req.headers.get("if-none-match");
  if (inm !== null) return etagMatches(inm, etag);
  const ims = req.headers.get("if-modified-since");
  if (ims !== null && lastModifiedMs !== null) {
    const since = Date.parse(ims);
    // HTTP dates have whole seconds.
    return Number.isFinite(since) && Math.floor(lastModifiedMs / 1000) * 1000 <= since;
  }
  return false;
}
