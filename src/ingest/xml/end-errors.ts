/**
 * What saxes reports at the end of the text, said plainly: the construct or
 * the elements the document ends inside, and where they were opened.
 */
import { DocumentError, shorten } from "../errors.ts";
import { malformed, nameAt, type ReadState, startOf, type VetRoot, where } from "./read-state.ts";
import { describeSyntaxError } from "./syntax-errors.ts";

/**
 * The construct the document ends inside, if any: the first one after the
 * last complete construct saxes reported, past comments and processing
 * instructions that do end. A reference that never ends (a bare "&")
 * swallows the rest of the document, so its "&" stands after the last ";".
 */
function unterminated(state: ReadState): { what: string; at: number } | undefined {
  const { text } = state;
  const afterSemicolon = text.lastIndexOf(";") + 1;
  const never = (what: string, at: number, end: string) => ({
    what: `${what} opened at ${where(text, at)} is never closed (no "${end}" before the end of the document)`,
    at: text.length,
  });
  for (let from = Math.max(0, state.mark - 1); ; ) {
    const lt = text.indexOf("<", from);
    const amp = text.indexOf("&", Math.max(from, afterSemicolon));
    if (amp >= 0 && (lt < 0 || amp < lt)) return { what: `a bare "&" must be written &amp;`, at: amp };
    if (lt < 0) return undefined;
    const closer = text.startsWith("<!--", lt) ? "-->" : text.startsWith("<?", lt) ? "?>" : undefined;
    if (closer !== undefined) {
      const close = text.indexOf(closer, lt + 2);
      if (close < 0) return never(closer === "-->" ? "a comment" : "a processing instruction", lt, closer);
      from = close + closer.length;
      continue;
    }
    if (text.startsWith("<![CDATA[", lt)) return never("a CDATA section", lt, "]]>");
    if (text.startsWith("<!", lt)) return never(`the declaration ${shorten(text.slice(lt, lt + 12))}`, lt, ">");
    if (text.startsWith("</", lt)) return never(`the end tag </${nameAt(text, lt + 2)}`, lt, ">");
    return never(`the start tag <${nameAt(text, lt + 1)}`, lt, ">");
  }
}

/** Turns an error saxes raised at the end of the text into a DocumentError. */
export function describeEnd(state: ReadState, message: string, vetRoot: VetRoot): DocumentError {
  const tail = unterminated(state);
  if (tail !== undefined) return malformed(state, tail.what, tail.at);
  const { open, text } = state;
  if (open.length > 0) {
    const inner = open[open.length - 1];
    const opened = `<${shorten(inner.name)}> opened at ${where(text, startOf(text, inner))}`;
    const outer = open.length - 1;
    const around = outer === 1 ? "is the root" : `are the ${outer} elements around it, up to the root`;
    const what =
      outer === 0
        ? `the root element ${opened} is not closed before the end of the document`
        : `${opened} is not closed before the end of the document, nor ${around} <${shorten(open[0].name)}>`;
    return malformed(state, what, text.length);
  }
  if (message.startsWith("document must contain a root element")) {
    return new DocumentError(
      "malformed",
      "not well-formed XML: no root element; expected an RSS 2.0 <rss> or Atom <feed> root",
    );
  }
  return describeSyntaxError(state, message, vetRoot);
}
