/**
 * A subscription's signing secrets: the current one, and after rotations the
 * previous ones, each signing until its overlap ends. Which secrets sign at a
 * time is a function of the stored list and that time only.
 */
import { generateSecret } from "./secret.ts";

/** How long a rotated-out secret keeps signing. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** Previous secrets kept signing during their overlap (each adds a signature to every delivery). */
export const MAX_PREVIOUS_SECRETS = 4;

export interface StoredSecret {
  secret: string;
  /** ms since the epoch; absent for the current secret. */
  expires_at?: number;
}

/**
 * The list after rotating to `fresh` at `now`: `fresh` is current, the old
 * current secret signs until now + 24 h, and every older secret still in its
 * overlap keeps signing too (a client that retried a rotation whose answer it
 * never saw still holds an older one), newest first, up to
 * MAX_PREVIOUS_SECRETS of them. Expired secrets are dropped.
 */
export function rotateSecrets(secrets: readonly StoredSecret[], fresh: string, now: number): StoredSecret[] {
  const current = secrets.find((s) => s.expires_at === undefined);
  const overlapping = secrets.filter((s) => s.expires_at !== undefined && s.expires_at > now);
  return [
    { secret: fresh },
    ...(current ? [{ secret: current.secret, expires_at: now + SECRET_OVERLAP_MS }] : []),
    ...overlapping,
  ].slice(0, 1 + MAX_PREVIOUS_SECRETS);
}

/** The secrets that sign a delivery made at `now`: the current one first, then those still in their overlap. */
export function signingSecrets(secrets: readonly StoredSecret[], now: number): string[] {
  return secrets.filter((s) => s.expires_at === undefined || s.expires_at > now).map((s) => s.secret);
}

/** Until when an old secret still verifies (the latest overlap end after `now`), or undefined when none does. */
export function previousSecretExpiry(secrets: readonly StoredSecret[], now: number): number | undefined {
  let latest: number | undefined;
  for (const s of secrets) {
    if (s.expires_at !== undefined && s.expires_at > now && (latest === undefined || s.expires_at > latest)) {
      latest = s.expires_at;
    }
  }
  return latest;
}

/**
 * The secrets a subscription keeps for its format: the standard format is
 * signed, so it keeps its secrets or gets a fresh one (`minted`, shown once);
 * Slack and Discord deliveries are not signed (the URL is the secret), so they keep none.
 */
export function secretsForFormat(
  format: string,
  secrets: readonly StoredSecret[],
  fresh: () => string = generateSecret,
): { secrets: StoredSecret[]; minted?: string } {
  if (format !== "standard") return { secrets: [] };
  if (secrets.length > 0) return { secrets: [...secrets] };
  const minted = fresh();
  return { secrets: [{ secret: minted }], minted };
}

/** What a rotation answers: the new secret (shown this once) and when the old one stops signing. */
export type Rotated = { secret: string; previous_secret_expires_at: string };
