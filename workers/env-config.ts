/** Reading the Worker's string vars (wrangler.toml [vars]) with defaults. */

export function intVar(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isInteger(n) && n > 0 ? n : fallback;
}

export function listVar(value: string | undefined, fallback: string[]): string[] {
  const list = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : fallback;
}

/** "true" (any case, surrounding spaces ignored) is true; anything else, or unset, is false. */
export function boolVar(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === "true";
}
