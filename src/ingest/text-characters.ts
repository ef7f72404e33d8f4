/**
 * Characters text may not hold: those outside XML 1.0's Char production —
 * control characters other than tab, LF and CR, U+FFFE, U+FFFF — and unpaired
 * surrogates. XML cannot carry them, so refusing them in both encodings keeps
 * the encodings equal and no feed drops a character silently on output.
 */

/**
 * A cheap first pass (one character class, no lookaround): any control
 * character, any surrogate, U+FFFE/U+FFFF. Only text it matches, such as text
 * with emoji (paired surrogates, which are fine), pays for the exact test.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const ILLEGAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface IllegalCharacter {
  /** UTF-16 index in the text. */
  index: number;
  /** `U+0000` form. */
  code: string;
}

/** The first character text may not hold, or null. */
export function findIllegalCharacter(text: string): IllegalCharacter | null {
  if (!MAYBE_ILLEGAL.test(text)) return null;
  const m = ILLEGAL.exec(text);
  if (m === null) return null;
  return { index: m.index, code: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` };
}

export const ILLEGAL_CHARACTER_RULE =
  "control characters other than tab and line ends, U+FFFE, U+FFFF and unpaired surrogates are not allowed";
