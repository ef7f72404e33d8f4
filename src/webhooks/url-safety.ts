/**
 * Is a webhook URL safe to deliver to? The shared SSRF check
 * (src/net/url-safety.ts) with the webhook wording: lifted by
 * ALLOW_PRIVATE_WEBHOOKS=true, for local development only.
 *
 * Delivery must also not follow redirects (`redirect: "manual"`) and should
 * re-run this check with `resolve` before each attempt (DNS can change).
 */
import {
  checkPublicTarget,
  checkPublicUrl,
  type UrlCheck,
  type UrlCheckOptions,
  type UrlPolicy,
} from "../net/url-safety.ts";

export { type FetchLike, resolveWithDoh } from "../net/url-safety.ts";
export type WebhookUrlCheck = UrlCheck;
export type WebhookUrlCheckOptions = UrlCheckOptions;

const WEBHOOK_POLICY: UrlPolicy = {
  allowVar: "ALLOW_PRIVATE_WEBHOOKS",
  httpsOnly: "webhooks are delivered over https:// only",
  urls: "webhook URLs",
  example: "https://example.com/hooks/parley",
  noCredentials: "parley signs each delivery instead",
};

export function checkWebhookUrl(url: string, opts: WebhookUrlCheckOptions): Promise<WebhookUrlCheck> {
  return checkPublicUrl(url, WEBHOOK_POLICY, opts);
}

/**
 * The check the Worker runs at creation, on a URL change and before every
 * delivery: with private targets refused, host names are also resolved (over
 * DNS-over-HTTPS) so a name pointing at a private address is refused too.
 */
export function checkWebhookTarget(url: string, allowPrivate: boolean): Promise<WebhookUrlCheck> {
  return checkPublicTarget(url, WEBHOOK_POLICY, allowPrivate);
}
