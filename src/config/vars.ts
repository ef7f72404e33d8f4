/**
 * Reading the Worker's string vars (wrangler.toml [vars], .dev.vars, secrets).
 * A var that is unset, blank or unreadable takes its default: a bad value in
 * a deployment's settings degrades to the documented behaviour, never to a
 * crash or a zero.
 */

/**
 * A positive number (`1500`, `0.5`, `1e3`; surrounding spaces allowed); with
 * `integer`, a whole one. Anything else — unset, blank, zero, negative, not a
 * number — is `fallback`.
 */
export function numberVar(value: string | undefined, fallback: number, opts: { integer?: boolean } = {}): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 && (!opts.integer || Number.isInteger(n)) ? n : fallback;
}

/** Comma-separated numbers, each finite and ≥ 0 (`5,300,1800`); when any is not, or none is given, `fallback`. */
export function numberListVar(value: string | undefined, fallback: readonly number[]): readonly number[] {
  if (!value?.trim()) return fallback;
  const parts = value.split(",").map((s) => Number(s.trim()));
  return parts.every((n) => Number.isFinite(n) && n >= 0) ? parts : fallback;
}

/** Comma-separated words (`7d,72h`), trimmed, blanks dropped; none left: `fallback`. */
export function listVar(value: string | undefined, fallback: readonly string[]): string[] {
  const list = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : [...fallback];
}

/** `true` or `false` (any case, surrounding spaces ignored); anything else, or unset, is `fallback`. */
export function boolVar(value: string | undefined, fallback = false): boolean {
  const v = value?.trim().toLowerCase();
  return v === "true" ? true : v === "false" ? false : fallback;
}

/** An http(s) URL with its trailing slashes dropped; anything else is undefined. */
export function baseUrlVar(value: string | undefined): string | undefined {
  return value !== undefined && /^https?:\/\//.test(value) ? value.replace(/\/+$/, "") : undefined;
}
