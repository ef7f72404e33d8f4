import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateSecret, secretKey } from "../../src/webhooks/secret.ts";
import { signWebhook } from "../../src/webhooks/sign.ts";

const now = () => Math.floor(Date.now() / 1000);
const body = JSON.stringify({ id: "evt_abc", type: "meeting.held", summary: "Ünïcode — “quotes” 🎉" });

describe("generateSecret", () => {
  it("is whsec_ + base64 of 32 random bytes, different each time", () => {
    const a = generateSecret();
    const b = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(secretKey(a)).toHaveLength(32);
    expect(secretKey(generateSecret(24))).toHaveLength(24);
    expect(() => generateSecret(8)).toThrow(RangeError);
  });

  it("rejects a secret that is not base64", () => {
    expect(() => secretKey("whsec_!!!")).toThrow(/base64/);
    expect(() => secretKey("whsec_")).toThrow(/empty/);
  });
});

describe("signWebhook", () => {
  it("produces headers the standardwebhooks library verifies", async () => {
    const secret = generateSecret();
    const ts = now();
    const headers = await signWebhook({ id: "evt_abc", timestamp: ts, body, secrets: [secret] });
    expect(headers["webhook-id"]).toBe("evt_abc");
    expect(headers["webhook-timestamp"]).toBe(String(ts));
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("matches the library's own signature byte for byte", async () => {
    const secret = generateSecret();
    const ts = now();
    const headers = await signWebhook({ id: "evt_abc", timestamp: ts, body, secrets: [secret] });
    expect(headers["webhook-signature"]).toBe(new Webhook(secret).sign("evt_abc", new Date(ts * 1000), body));
  });

  it("signs with every secret during rotation, and each verifies", async () => {
    const current = generateSecret();
    const previous = generateSecret();
    const headers = await signWebhook({ id: "evt_rot", timestamp: now(), body, secrets: [current, previous] });
    const parts = headers["webhook-signature"].split(" ");
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(p.startsWith("v1,")).toBe(true);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow(/No matching signature/);
  });

  it("fails verification when the body, id or timestamp is tampered with", async () => {
    const secret = generateSecret();
    const ts = now();
    const headers = await signWebhook({ id: "evt_abc", timestamp: ts, body, secrets: [secret] });
    const wh = new Webhook(secret);
    expect(() => wh.verify(body.replace("held", "hold"), headers)).toThrow(/No matching signature/);
    expect(() => wh.verify(body, { ...headers, "webhook-id": "evt_abd" })).toThrow(/No matching signature/);
    expect(() => wh.verify(body, { ...headers, "webhook-timestamp": String(ts - 1) })).toThrow(/No matching/);
  });

  it("rejects bad input", async () => {
    const secrets = [generateSecret()];
    await expect(signWebhook({ id: "evt", timestamp: 1.5, body, secrets })).rejects.toThrow(RangeError);
    await expect(signWebhook({ id: "evt", timestamp: now(), body, secrets: [] })).rejects.toThrow(/secret/);
    await expect(signWebhook({ id: "evt x", timestamp: now(), body, secrets })).rejects.toThrow(/webhook id/);
  });
});
