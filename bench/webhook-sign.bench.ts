/**
 * Signing one webhook delivery: our WebCrypto `signWebhook` against the
 * `standardwebhooks` package's own `sign` (pure-JS SHA-256), on a typical
 * ~1 KB event body. Goal: within the same order of magnitude (delivery is
 * network-bound; signing must simply never matter).
 */
import { Webhook } from "standardwebhooks";
import { generateSecret } from "../src/webhooks/secret.ts";
import { signWebhook } from "../src/webhooks/sign.ts";
import { compare } from "./compare.ts";

export default async function () {
  const secret = generateSecret();
  const body = JSON.stringify({ id: "evt_x", summary: "s".repeat(900), changes: [{ field: "level" }] });
  const ts = Math.floor(Date.now() / 1000);
  const peer = new Webhook(secret);
  await compare({
    title: "sign a 1 KB delivery (one secret)",
    ours: {
      name: "signWebhook (WebCrypto)",
      fn: () => signWebhook({ id: "evt_x", timestamp: ts, body, secrets: [secret] }),
    },
    peer: { name: "standardwebhooks sign", fn: () => peer.sign("evt_x", new Date(ts * 1000), body) },
    goal: "same order of magnitude as the reference library",
  });
}
