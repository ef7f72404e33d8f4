/**
 * The JSON encoding: parse, refusing keys that could reach an object's
 * prototype (`__proto__`, and `constructor`/`prototype` for good measure).
 */
import { tokenExcerpt, truncate } from "../text/excerpt.ts";
import { DocumentError, issueId } from "./errors.ts";
import { unsupportedVersion } from "./parse-document.ts";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/**
 * A cheap test of the text before walking the parsed value: any of the names,
 * or any `\u` escape (a key may be spelled `"\u005f_proto__"`). One
 * regular-expression scan is ~10x faster than three `includes`.
 */
const MAY_HOLD_FORBIDDEN_KEY = /__proto__|"constructor"|"prototype"|\\u/;
/**
 * The same scan, widened to what could put a character text may not hold
 * (src/text/xml-characters.ts) into a string: a `\u` escape, a surrogate, U+FFFE or
 * U+FFFF (raw control characters are not valid JSON). Costs no more than the
 * narrower scan; a document it does not match needs neither the key walk nor
 * the per-string character checks.
 */
const MAY_NEED_CHECKS = /__proto__|"constructor"|"prototype"|\\u|[\uD800-\uDFFF\uFFFE\uFFFF]/;

/** A value met on the walk, with the way back to the root (paths are built only for a hit). */
interface Step {
  value: unknown;
  parent: Step | undefined;
  /** Array index or object key under the parent. */
  at: number | string;
}

function pathOf(step: Step): string {
  const parts: string[] = [];
  for (let s: Step | undefined = step; s?.parent !== undefined; s = s.parent) {
    parts.push(typeof s.at === "number" ? `[${s.at}]` : s.parent.parent === undefined ? s.at : `.${s.at}`);
  }
  return parts.reverse().join("");
}

/**
 * Path of the first forbidden key, as `items[2].location.__proto__`, or
 * undefined. Iterative (an explicit stack), so a deeply nested value in an
 * unknown field cannot overflow the call stack.
 */
function findForbiddenKey(root: unknown): string | undefined {
  const stack: Step[] = [{ value: root, parent: undefined, at: "" }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    const value = step.value;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], parent: step, at: i });
    } else if (typeof value === "object" && value !== null) {
      const keys = Object.keys(value);
      for (const key of keys) if (FORBIDDEN_KEYS.has(key)) return pathOf({ value: undefined, parent: step, at: key });
      for (let k = keys.length - 1; k >= 0; k--) {
        stack.push({ value: (value as Record<string, unknown>)[keys[k]], parent: step, at: keys[k] });
      }
    }
  }
  return undefined;
}

/** The most characters of a path a message quotes: its start and its end (where the key is), "…" between. */
const PATH_EXCERPT = 80;

function shortPath(path: string): string {
  if (path.length <= PATH_EXCERPT) return path;
  const half = PATH_EXCERPT / 2;
  return `${path.slice(0, half)}…${path.slice(-half)}`;
}

export interface DecodedJson {
  value: unknown;
  /** True when no string in the document can hold a character text may not hold. */
  charactersChecked: boolean;
}

export function decodeJson(text: string): unknown {
  return decodeJsonText(text).value;
}

export function decodeJsonText(text: string): DecodedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DocumentError("malformed", `not well-formed JSON: ${truncate((err as Error).message, 200)}`);
  }
  // JSON.parse reads a number too large for a double (1e400) as Infinity: name it as written, not as null.
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof version === "number" && !Number.isFinite(version)) {
    const token = versionToken(text);
    throw unsupportedVersion(`${token === undefined ? "" : `${tokenExcerpt(token)} `}(a number out of range)`);
  }
  // Only documents that mention a forbidden key pay for the walk.
  const suspect = MAY_NEED_CHECKS.test(text);
  if (suspect && MAY_HOLD_FORBIDDEN_KEY.test(text)) {
    const found = findForbiddenKey(value);
    if (found !== undefined) throw forbiddenKey(found, value);
  }
  return { value, charactersChecked: !suspect };
}

/** The rejection of a document holding a forbidden key at `path`, naming the item (index and id) it is in. */
function forbiddenKey(path: string, root: unknown): DocumentError {
  const m = /^items\[(\d+)\]\.?(.*)$/.exec(path);
  let issue: { index?: number; id?: string; field?: string } = { field: shortPath(path) };
  let where = "";
  if (m) {
    const index = Number(m[1]);
    const id = ((root as { items: { id?: unknown }[] }).items[index] as { id?: unknown } | null)?.id;
    const named = typeof id === "string" && id.trim() !== "" ? issueId(id.trim()) : undefined;
    issue = { index, ...(named !== undefined && { id: named }), field: m[2] ? shortPath(m[2]) : undefined };
    if (named !== undefined) where = ` (item ${index}, id ${JSON.stringify(named)})`;
  }
  return new DocumentError(
    "invalid_document",
    `forbidden key in ${shortPath(path)}${where}: __proto__, constructor and prototype are not allowed as keys`,
    [{ ...issue, message: "forbidden key (__proto__, constructor and prototype are not allowed)" }],
  );
}

/**
 * The source text of the document's own `version` value (JSON.parse source
 * text access: the reviver's third argument), or undefined where the runtime
 * does not provide it. A second parse, paid only on this error path.
 */
function versionToken(text: string): string | undefined {
  const tokens = new Map<object, string>();
  let token: string | undefined;
  JSON.parse(text, function (this: object, key: string, v: unknown, context?: { source?: string }) {
    if (key === "version" && context?.source !== undefined) tokens.set(this, context.source);
    // The root comes last, with key "" under a wrapper: its own version is the one recorded for it.
    if (key === "" && typeof v === "object" && v !== null) token = tokens.get(v);
    return v;
  });
  return token;
}
