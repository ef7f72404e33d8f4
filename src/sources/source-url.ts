/**
 * Is a polled source's URL safe to fetch? The webhook SSRF guard
 * (src/net/url-safety.ts) with the wording for sources: https:// only, no
 * loopback / private / link-local / CGNAT / metadata address, by literal IP
 * and by host name. ALLOW_PRIVATE_SOURCES=true lifts it (and allows http://),
 * for local development. Checked at `PUT /api/sources/{id}` and before every
 * request of a poll, redirects included (fetch-source.ts).
 */
import {
  checkPublicTarget,
  checkPublicUrl,
  type UrlCheck,
  type UrlCheckOptions,
  type UrlPolicy,
} from "../net/url-safety.ts";

const SOURCE_POLICY: UrlPolicy = {
  allowVar: "ALLOW_PRIVATE_SOURCES",
  httpsOnly: "sources are polled over https:// only",
  urls: "source URLs",
  example: "https://example.org/feed.json",
  noCredentials: "a source's URL is public (GET /api/sources)",
};

export function checkSourceUrl(url: string, opts: UrlCheckOptions): Promise<UrlCheck> {
  return checkPublicUrl(url, SOURCE_POLICY, opts);
}

/** The check as the Worker runs it: with private addresses refused, host names are resolved over DNS-over-HTTPS. */
export function checkSourceTarget(url: string, allowPrivate: boolean): Promise<UrlCheck> {
  return checkPublicTarget(url, SOURCE_POLICY, allowPrivate);
}
