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

import { illegalCharacterProblem } from "../text/xml-characters.ts";

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

/** A problem prepareItem found, for the item's list of issues. */
export interface PrepareIssue {
  field: string;
  message: string;
}

function checkString(v: string, field: string | (() => string), issues: PrepareIssue[]): void {
  const problem = illegalCharacterProblem(v);
  if (problem === null) return;
  issues.push({ field: typeof field === "string" ? field : field(), message: problem });
}

/** Checks a string, or each string of a list (a member's path is built only when it is reported). */
function checkCharacters(v: unknown, field: string, issues: PrepareIssue[]): void {
  if (typeof v === "string") checkString(v, field, issues);
  else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const member = v[i];
      if (typeof member === "string") checkString(member, () => `${field}.${i}`, issues);
    }
  }
}

function isBlank(v: unknown): boolean {
  return v === null || v === "";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The location object with blank fields dropped, or undefined when nothing is left. */
function preparedLocation(
  input: Record<string, unknown>,
  issues: PrepareIssue[] | null,
): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(input)) {
    const v = trimmed(input[key]);
    if (isBlank(v)) continue;
    if (issues !== null) checkCharacters(v, `location.${key}`, issues);
    out ??= {};
    out[key] = v;
  }
  return out;
}

// Plain loops over Object.keys and a switch instead of Set lookups: this runs for every item of every document.
/**
 * `issues` collects text holding characters XML cannot carry; pass null when
 * the decoder has already ruled them out for the whole document.
 */
export function prepareItem(entry: Record<string, unknown>, issues: PrepareIssue[] | null): Record<string, unknown> {
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
    if (issues !== null && role !== "location") checkCharacters(v, key, issues);
    out[key] = v;
  }
  return out;
}
