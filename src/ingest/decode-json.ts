/**
 * The JSON encoding: parse, refusing keys that could reach an object's
 * prototype (`__proto__`, and `constructor`/`prototype` for good measure).
 */
import { DocumentError, shorten } from "./errors.ts";

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
    const key = typeof s.at === "number" ? "" : shorten(s.at);
    parts.push(typeof s.at === "number" ? `[${s.at}]` : s.parent.parent === undefined ? key : `.${key}`);
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
    throw new DocumentError("malformed", `not well-formed JSON: ${(err as Error).message}`);
  }
  // Only documents that mention a forbidden key pay for the walk.
  const suspect = MAY_NEED_CHECKS.test(text);
  if (suspect && MAY_HOLD_FORBIDDEN_KEY.test(text)) {
    const path = findForbiddenKey(value);
    if (path !== undefined) {
      const m = /^items\[(\d+)\]\.?(.*)$/.exec(path);
      const issue = m ? { index: Number(m[1]), field: m[2] || undefined } : { field: path };
      throw new DocumentError(
        "invalid_document",
        `forbidden key in ${path}: __proto__, constructor and prototype are not allowed as keys`,
        [{ ...issue, message: "forbidden key (__proto__, constructor and prototype are not allowed)" }],
      );
    }
  }
  return { value, charactersChecked: !suspect };
}
