/**
 * One plain pass over a raw item before its zod schema runs: every string is
 * trimmed (list members and location fields too); optional fields that are
 * `null` or blank mean "absent" in both encodings and are dropped; a single
 * string where a list is expected (one XML element) becomes a list of one; the
 * location object gets the same treatment. Required fields are kept (trimmed),
 * so their errors stay specific ("title is empty"). Non-strings are left for
 * the schema to report.
 */

const REQUIRED = new Set(["kind", "id", "title", "status"]);
const LISTS = new Set(["tags", "parties", "participants"]);

function trimmed(v: unknown): unknown {
  if (typeof v === "string") return v.trim();
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x.trim() : x));
  return v;
}

function isBlank(v: unknown): boolean {
  return v === null || v === "";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function dropBlank(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    const v = trimmed(input[key]);
    if (!isBlank(v)) out[key] = v;
  }
  return out;
}

export function prepareItem(entry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(entry)) {
    let v = trimmed(entry[key]);
    if (!REQUIRED.has(key)) {
      if (isBlank(v)) continue;
      if (LISTS.has(key) && typeof v === "string") v = [v];
      else if (key === "location" && isRecord(v)) {
        v = dropBlank(v);
        if (Object.keys(v as object).length === 0) continue;
      }
    }
    out[key] = v;
  }
  return out;
}
