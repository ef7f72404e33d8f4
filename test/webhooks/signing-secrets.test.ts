import { describe, expect, it } from "vitest";
import {
  MAX_PREVIOUS_SECRETS,
  previousSecretExpiry,
  rotateSecrets,
  SECRET_OVERLAP_MS,
  signingSecrets,
} from "../../src/webhooks/signing-secrets.ts";

const T = Date.parse("2026-01-10T12:00:00Z");
const H = 3_600_000;

describe("signing secrets", () => {
  it("after a rotation both sign for 24 h, then only the new one", () => {
    const rotated = rotateSecrets([{ secret: "a" }], "b", T);
    expect(rotated).toEqual([{ secret: "b" }, { secret: "a", expires_at: T + SECRET_OVERLAP_MS }]);
    expect(signingSecrets(rotated, T)).toEqual(["b", "a"]);
    expect(signingSecrets(rotated, T + SECRET_OVERLAP_MS - 1)).toEqual(["b", "a"]);
    expect(signingSecrets(rotated, T + SECRET_OVERLAP_MS)).toEqual(["b"]);
    expect(previousSecretExpiry(rotated, T)).toBe(T + SECRET_OVERLAP_MS);
    expect(previousSecretExpiry(rotated, T + SECRET_OVERLAP_MS)).toBeUndefined();
  });

  it("rotations within the overlap keep every overlapping secret, newest first, up to the limit", () => {
    let list = [{ secret: "s0" }];
    for (let i = 1; i <= 6; i++) list = rotateSecrets(list, `s${i}`, T + i * H);
    expect(list.map((s) => s.secret)).toEqual(["s6", "s5", "s4", "s3", "s2"]);
    expect(list).toHaveLength(1 + MAX_PREVIOUS_SECRETS);
    expect(signingSecrets(list, T + 6 * H)).toEqual(["s6", "s5", "s4", "s3", "s2"]);
    // The latest overlap end is the last rotation's.
    expect(previousSecretExpiry(list, T + 6 * H)).toBe(T + 6 * H + SECRET_OVERLAP_MS);
    // s2 was rotated out at the third rotation: a day later it no longer signs.
    expect(signingSecrets(list, T + 3 * H + SECRET_OVERLAP_MS - 1)).toEqual(["s6", "s5", "s4", "s3", "s2"]);
    expect(signingSecrets(list, T + 3 * H + SECRET_OVERLAP_MS)).toEqual(["s6", "s5", "s4", "s3"]);
  });

  it("a rotation drops secrets whose overlap ended", () => {
    const old = rotateSecrets([{ secret: "a" }], "b", T);
    expect(rotateSecrets(old, "c", T + 2 * SECRET_OVERLAP_MS)).toEqual([
      { secret: "c" },
      { secret: "b", expires_at: T + 3 * SECRET_OVERLAP_MS },
    ]);
  });
});
