/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/):
 * `webhook-signature` = `v1,` + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)),
 * one such entry per secret, space-separated. While a rotated-out secret is
 * still valid, pass both: receivers holding either secret verify.
 */
import { bytesToBase64, secretKey } from "./secret.ts";

export interface WebhookSignatureHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

export interface SignWebhookInput {
  /** The event id (`evt_…`): receivers de-duplicate on it. */
  id: string;
  /** Unix time in whole seconds. */
  timestamp: number;
  /** The exact request body that will be sent. */
  body: string;
  /** `whsec_…` secrets, current first; at least one. */
  secrets: string[];
}

const encoder = new TextEncoder();

/**
 * Imported HMAC keys by secret, so that a busy isolate does not re-import the
 * same key for every delivery (importKey costs more than the HMAC itself).
 * Bounded; the oldest entry is dropped first.
 */
const keyCache = new Map<string, Promise<CryptoKey>>();
const KEY_CACHE_SIZE = 256;

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", secretKey(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(secret, key);
    key.catch(() => keyCache.delete(secret));
  }
  return key;
}

export async function signWebhook({
  id,
  timestamp,
  body,
  secrets,
}: SignWebhookInput): Promise<WebhookSignatureHeaders> {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError("webhook timestamp must be whole unix seconds");
  }
  if (secrets.length === 0) throw new Error("signWebhook needs at least one secret");
  if (!/^[\x21-\x7e]+$/.test(id)) throw new Error("webhook id must be non-empty printable ASCII without spaces");
  const message = encoder.encode(`${id}.${timestamp}.${body}`);
  const signatures = await Promise.all(
    secrets.map(async (secret) => {
      const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), message);
      return `v1,${bytesToBase64(new Uint8Array(mac))}`;
    }),
  );
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signatures.join(" "),
  };
}
