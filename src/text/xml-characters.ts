/**
 * XML 1.0's Char production, the one rule for text parley accepts and writes:
 * control characters other than tab, LF and CR, U+FFFE, U+FFFF and unpaired
 * surrogates are outside it. Ingest refuses text holding them (so both
 * encodings accept the same texts); renderers drop them (defence for text that
 * did not come through ingest, such as error messages from a polled server).
 */

/**
 * A cheap first look, by UTF-16 code unit: any such control character, any
 * surrogate (a lone one or half of a pair: most text has none), U+FFFE/U+FFFF.
 * Text it does not match is clean; text it matches pays for the exact test.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const MAYBE_ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

// Everything outside the Char production. With the `u` flag a lone surrogate
// is its own code point, so it falls outside every range and matches.
const ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ILLEGAL_ALL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export interface IllegalCharacter {
  /** UTF-16 index in the text. */
  index: number;
  /** `U+0000` form. */
  code: string;
}

/** The first character outside the rule, or null. */
export function findIllegalCharacter(text: string): IllegalCharacter | null {
  if (!MAYBE_ILLEGAL.test(text)) return null;
  const m = ILLEGAL.exec(text);
  if (m === null) return null;
  return { index: m.index, code: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` };
}

/** `value` without the characters outside the rule. */
export function stripInvalidXmlChars(value: string): string {
  return MAYBE_ILLEGAL.test(value) ? value.replace(ILLEGAL_ALL, "") : value;
}

export const ILLEGAL_CHARACTER_RULE =
  "control characters other than tab and line ends, U+FFFE, U+FFFF and unpaired surrogates are not allowed";

/** What is wrong with `text` under the rule, for an error message (naming the character and where), or null. */
export function illegalCharacterProblem(text: string): string | null {
  const bad = findIllegalCharacter(text);
  return bad === null ? null : `contains ${bad.code} at position ${bad.index}: ${ILLEGAL_CHARACTER_RULE}`;
}
