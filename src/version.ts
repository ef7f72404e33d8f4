/** parley's version (keep in step with package.json). */
export const VERSION = "0.1.0";

/**
 * `User-Agent` of parley's polls and webhook deliveries: `parley/<version>`, and
 * `(+<PUBLIC_BASE_URL>)` when the deployment has one, so a receiver or a source
 * knows whom to ask; never a placeholder URL.
 */
export function userAgent(publicBaseUrl?: string): string {
  const base = publicBaseUrl?.trim().replace(/\/+$/, "");
  return base && /^https?:\/\/[^\s()]+$/i.test(base) ? `parley/${VERSION} (+${base})` : `parley/${VERSION}`;
}

/** The User-Agent without a deployment URL. */
export const USER_AGENT = userAgent();
