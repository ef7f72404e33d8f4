/**
 * Stable event ids: `evt_` + 26 base32 characters (130 bits) of a SHA-256 over
 * the parts that identify a change (source, item, and the change's content —
 * never the time it was seen). The same change detected twice, retried or
 * replayed always has the same id.
 */

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const encoder = new TextEncoder();

export async function eventId(...parts: string[]): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(parts.join("\u001f"))));
  let out = "evt_";
  let bits = 0;
  let value = 0;
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 30) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= 30) break;
  }
  return out;
}
