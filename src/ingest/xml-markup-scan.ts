/**
 * A linear pre-scan of an XML document, run before anything parses it:
 *
 * - a DTD (`<!DOCTYPE`) or any markup declaration (`<!ENTITY`, `<!ELEMENT`,
 *   `<!ATTLIST`, `<!NOTATION`) is refused (`forbidden_markup`): no entity can
 *   ever be declared, so none can be expanded (billion laughs) or fetched (XXE);
 * - every reference must be one of the five predefined entities or a numeric
 *   character reference to a legal XML character; anything else (`&nbsp;`,
 *   `&#0;`) is not well-formed without a DTD (`malformed`).
 *
 * Comments, CDATA sections and processing instructions are skipped, so text
 * such as `<![CDATA[<!DOCTYPE html> &nbsp;]]>` is fine. Unterminated constructs
 * end the scan; the well-formedness check that follows reports them.
 */
import { DocumentError } from "./errors.ts";

const SPECIAL = /<!|<\?|&/g;
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/y;
const NAMED_REFERENCE = /&([^\s&;<>"']+);/y;
const DECLARATION = /[A-Za-z]+/y;
const FORBIDDEN = new Set(["DOCTYPE", "ENTITY", "ELEMENT", "ATTLIST", "NOTATION"]);

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function where(text: string, index: number): string {
  const { line, column } = lineColumn(text, index);
  return `line ${line} column ${column}`;
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Throws a DocumentError for forbidden declarations or illegal references. */
export function scanMarkup(text: string): void {
  const special = new RegExp(SPECIAL.source, "g");
  for (let m = special.exec(text); m !== null; m = special.exec(text)) {
    const i = m.index;
    if (m[0] === "&") {
      REFERENCE.lastIndex = i;
      const ref = REFERENCE.exec(text);
      if (ref) {
        if (ref[1] === undefined) {
          // Digits are bounded so a huge reference cannot lose precision into a legal value.
          const digits = ref[2] ?? ref[3];
          const cp = digits.length > 8 ? -1 : Number.parseInt(digits, ref[2] !== undefined ? 10 : 16);
          if (!isXmlChar(cp)) {
            throw new DocumentError(
              "malformed",
              `not well-formed XML: ${ref[0]} does not refer to a legal XML character (${where(text, i)})`,
            );
          }
        }
        special.lastIndex = REFERENCE.lastIndex;
        continue;
      }
      NAMED_REFERENCE.lastIndex = i;
      const named = NAMED_REFERENCE.exec(text);
      if (named) {
        throw new DocumentError(
          "malformed",
          `not well-formed XML: undeclared entity ${named[0]} (${where(text, i)}); only &amp; &lt; &gt; &quot; &apos; and numeric character references are allowed`,
        );
      }
      throw new DocumentError("malformed", `not well-formed XML: a bare "&" must be written &amp; (${where(text, i)})`);
    }
    if (m[0] === "<?") {
      const end = text.indexOf("?>", i + 2);
      if (end === -1) return;
      special.lastIndex = end + 2;
      continue;
    }
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end === -1) return;
      special.lastIndex = end + 3;
      continue;
    }
    if (text.startsWith("<![CDATA[", i)) {
      const end = text.indexOf("]]>", i + 9);
      if (end === -1) return;
      special.lastIndex = end + 3;
      continue;
    }
    DECLARATION.lastIndex = i + 2;
    const decl = DECLARATION.exec(text);
    if (decl && FORBIDDEN.has(decl[0].toUpperCase())) {
      const what = decl[0].toUpperCase() === "DOCTYPE" ? "a DTD (<!DOCTYPE>)" : `a markup declaration (<!${decl[0]}>)`;
      throw new DocumentError(
        "forbidden_markup",
        `the document contains ${what} at ${where(text, i)}; DTDs and entity declarations are not accepted`,
      );
    }
  }
}
