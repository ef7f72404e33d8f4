/**
 * Standard Webhooks signing secrets: `whsec_` + base64 of random key bytes.
 */

export const SECRET_PREFIX = "whsec_";
/** Key length of a generated secret, in bytes (the spec allows 24–64). */
export const SECRET_BYTES = 32;

/** A new secret: `whsec_` + standard base64 of 32 random bytes (crypto.getRandomValues). */
export function generateSecret(bytes: number = SECRET_BYTES): string {
  if (!Number.isInteger(bytes) || bytes < 24 || bytes > 64) throw new RangeError("secret length must be 24–64 bytes");
  return SECRET_PREFIX + bytesToBase64(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * The HMAC key of a secret: the base64-decoded part after `whsec_` (the prefix
 * is optional, as in the Standard Webhooks libraries). Throws on bad base64 or
 * an empty key.
 */
export function secretKey(secret: string): Uint8Array<ArrayBuffer> {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = base64ToBytes(encoded);
  if (key.length === 0) throw new Error("webhook secret is empty");
  return key;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function base64ToBytes(encoded: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(encoded);
  } catch {
    throw new Error("webhook secret is not valid base64");
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
