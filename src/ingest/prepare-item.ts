/**
 * One plain pass over a raw item before its zod schema runs: every string is
 * trimmed (list members and location fields too); optional fields that are
 * `null` or blank mean "absent" in both encodings and are dropped; a single
 * string where a list is expected (one XML element) becomes a list of one; the
 * location object gets the same treatment. Required fields are kept (trimmed),
 * so their errors stay specific ("title is empty"). Non-strings are left for
 * the schema to report. Text holding a character XML cannot carry (a control
 * character other than tab and line ends, U+FFFE/U+FFFF, a lone surrogate) is
 * reported: both encodings then accept exactly the same texts, and no feed
 * drops a character silently on output.
 */

/** How prepareItem treats a field: required fields are kept even when blank, so their errors stay specific. */
function roleOf(key: string): "required" | "list" | "location" | "optional" {
  switch (key) {
    case "kind":
    case "id":
    case "title":
    case "status":
      return "required";
    case "tags":
    case "parties":
    case "participants":
      return "list";
    case "location":
      return "location";
    default:
      return "optional";
  }
}

function trimmed(v: unknown): unknown {
  if (typeof v === "string") return v.trim();
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = typeof v[i] === "string" ? (v[i] as string).trim() : v[i];
    return out;
  }
  return v;
}

/** Characters outside XML 1.0's Char production (tab, LF and CR are fine). */
const ILLEGAL_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A problem prepareItem found, for the item's list of issues. */
export interface PrepareIssue {
  field: string;
  message: string;
}

function checkCharacters(v: unknown, field: string, issues: PrepareIssue[]): void {
  if (typeof v === "string") {
    const m = ILLEGAL_CHARACTER.exec(v);
    if (m !== null) {
      const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      issues.push({
        field,
        message: `contains U+${code} at position ${m.index}, a character text may not hold (control characters other than tab and line ends, U+FFFE, U+FFFF, unpaired surrogates)`,
      });
    }
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) checkCharacters(v[i], `${field}.${i}`, issues);
  }
}

function isBlank(v: unknown): boolean {
  return v === null || v === "";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The location object with blank fields dropped, or undefined when nothing is left. */
function preparedLocation(input: Record<string, unknown>, issues: PrepareIssue[]): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(input)) {
    const v = trimmed(input[key]);
    if (isBlank(v)) continue;
    checkCharacters(v, `location.${key}`, issues);
    out ??= {};
    out[key] = v;
  }
  return out;
}

// Plain loops over Object.keys and a switch instead of Set lookups: this runs for every item of every document.
export function prepareItem(entry: Record<string, unknown>, issues: PrepareIssue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(entry)) {
    let v = trimmed(entry[key]);
    const role = roleOf(key);
    if (role !== "required") {
      if (isBlank(v)) continue;
      if (role === "list" && typeof v === "string") v = [v];
      else if (role === "location" && isRecord(v)) {
        v = preparedLocation(v, issues);
        if (v === undefined) continue;
      }
    }
    if (role !== "location") checkCharacters(v, key, issues);
    out[key] = v;
  }
  return out;
}
