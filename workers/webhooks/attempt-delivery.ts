/**
 * One HTTP delivery attempt for a subscription: its URL checked again
 * against the SSRF rules (DNS may have changed since it was accepted), then
 * the event posted, signed by every secret that signs at `now`.
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import { type DeliveryConfig, eventUrl } from "../../src/webhooks/delivery-config.ts";
import { type AttemptOutcome, postWebhook } from "../../src/webhooks/post-webhook.ts";
import { type StoredSecret, signingSecrets } from "../../src/webhooks/signing-secrets.ts";
import type { SubscriptionRecord } from "../../src/webhooks/subscription-record.ts";
import { checkWebhookTarget } from "../../src/webhooks/url-safety.ts";

export async function attemptDelivery(
  target: { record: SubscriptionRecord; secrets: readonly StoredSecret[] },
  event: ChangeEvent,
  config: DeliveryConfig,
  now: number,
  sourceName?: string,
): Promise<AttemptOutcome> {
  const check = await checkWebhookTarget(target.record.url, config.allowPrivate);
  if (!check.ok) return { ok: false, durationMs: Date.now() - now, error: `refused: ${check.reason}` };
  return postWebhook({
    url: check.url,
    format: target.record.format,
    event,
    secrets: signingSecrets(target.secrets, now),
    timeoutMs: config.timeoutMs,
    eventUrl: eventUrl(config, event),
    publicBaseUrl: config.publicBaseUrl,
    sourceName,
    now,
  });
}
