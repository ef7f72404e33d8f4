/**
 * What saxes reports while reading, said plainly: each error becomes a
 * `malformed` DocumentError naming the construct at fault and where it
 * starts, never the parser's internals. Names and values are quoted as short
 * excerpts.
 */
import { DocumentError, shorten } from "../errors.ts";
import {
  forbiddenDtd,
  malformed,
  nameAt,
  type ReadState,
  refuseIllegalCharacter,
  startOf,
  type VetRoot,
  where,
} from "./read-state.ts";

/** The name of the start tag saxes failed in (its "<" is the last one before `last`). */
function tagBefore(text: string, last: number): { at: number; name: string } {
  const at = text.lastIndexOf("<", last);
  return { at, name: nameAt(text, at + 1) };
}

/** The first `ch` at or after `from` that is not inside a comment, processing instruction or CDATA section. */
function firstOutsideMarkup(text: string, ch: string, from: number): number {
  let at = text.indexOf(ch, from);
  for (let lt = text.indexOf("<", from); at >= 0 && lt >= 0 && lt < at; lt = text.indexOf("<", from)) {
    const closer = text.startsWith("<!--", lt)
      ? "-->"
      : text.startsWith("<?", lt)
        ? "?>"
        : text.startsWith("<![CDATA[", lt)
          ? "]]>"
          : undefined;
    const close = closer === undefined ? lt : text.indexOf(closer, lt + 2);
    if (close < 0) break;
    from = close + (closer?.length ?? 1);
    if (from > at) at = text.indexOf(ch, from);
  }
  return at;
}

/**
 * The "&" of the reference saxes failed on, which ends at `end`. A reference
 * with a good name holds no other "&"; one that is no reference at all (a
 * bare "&") runs to the next ";", so its "&" is the first one after the last
 * complete construct and any ";" before it.
 */
function referenceStart(state: ReadState, end: number, wellNamed: boolean): number {
  const { text } = state;
  if (wellNamed) return text.lastIndexOf("&", end);
  const amp = firstOutsideMarkup(text, "&", Math.max(state.mark, text.lastIndexOf(";", end - 1) + 1));
  return amp < 0 || amp > end ? end : amp;
}

/** A markup declaration or a DOCTYPE that saxes could not read (`<!ENTITY` in content, `<!doctype html>`). */
function declaration(state: ReadState, last: number, vetRoot: VetRoot): DocumentError {
  const at = state.text.lastIndexOf("<!", last);
  const head = state.text.slice(at, at + 200);
  const doctype = /^<!doctype\s+([^\s>[]+)/i.exec(head);
  if (doctype !== null) {
    // The DOCTYPE names the root: a web page's is refused as not a feed, a feed's as a DTD.
    vetRoot(doctype[1], at);
    return forbiddenDtd(state.text, at);
  }
  const decl = /^<!(ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i.exec(head);
  if (decl !== null) {
    return new DocumentError(
      "forbidden_markup",
      `the document contains a markup declaration (<!${decl[1]}>) at ${where(state.text, at)}; DTDs and entity declarations are not accepted`,
    );
  }
  return malformed(state, `"<!" begins neither a comment (<!--) nor a CDATA section (<![CDATA[)`, at);
}

const ALLOWED_REFERENCES = "only &amp; &lt; &gt; &quot; &apos; and numeric character references are allowed";

/** Errors that name a reference, a comment, a declaration or text, by saxes's message. */
function describeConstruct(state: ReadState, message: string, last: number): DocumentError | undefined {
  const { text, position } = state;
  switch (message) {
    case "malformed comment.":
      return malformed(
        state,
        `"--" inside a comment (XML allows it only in the closing "-->")`,
        text.lastIndexOf("--", position - 2),
      );
    case "an XML declaration must be at the start of the document.":
    case "the XML declaration must appear at the start of the document.":
      return malformed(
        state,
        "an XML declaration (<?xml …?>) that is not at the very start of the document",
        text.lastIndexOf("<?", last),
      );
    case 'the string "]]>" is disallowed in char data.':
      return malformed(state, `"]]>" in text, where it may only end a CDATA section (write ]]&gt;)`, position - 3);
    case "undefined entity.": {
      const at = referenceStart(state, last, true);
      return malformed(state, `undeclared entity ${shorten(text.slice(at, last + 1))} (${ALLOWED_REFERENCES})`, at);
    }
    case "malformed character entity.": {
      const at = referenceStart(state, last, false);
      return malformed(state, `${shorten(text.slice(at, last + 1))} does not refer to a character XML allows`, at);
    }
    case "empty entity name.":
    case "disallowed character in entity name.":
      return malformed(
        state,
        `a bare "&" must be written &amp;`,
        referenceStart(state, last, message.startsWith("empty")),
      );
    case "text data outside of root node.": {
      const nonSpace = /\S/g;
      nonSpace.lastIndex = Math.min(state.mark, last);
      return malformed(state, "text outside the root element", nonSpace.exec(text)?.index ?? last);
    }
  }
  return undefined;
}

const UNBOUND = /^unbound namespace prefix: "(.*)"\.$/s;

/** Errors that name a tag, by saxes's message. */
function describeTag(state: ReadState, message: string, last: number): DocumentError | undefined {
  const { text } = state;
  if (message === "unexpected close tag.") {
    const at = text.lastIndexOf("</", last);
    const open = state.closed;
    const expected = open
      ? `<${shorten(open.name)}> (opened at ${where(text, startOf(text, open))})`
      : "the open element";
    return malformed(state, `</${nameAt(text, at + 2)}> where ${expected} must be closed`, at);
  }
  if (message.startsWith("unmatched closing tag:")) {
    const at = text.lastIndexOf("</", last);
    return malformed(state, `</${nameAt(text, at + 2)}> closes no open element`, at);
  }
  if (message === "documents may contain only one root.") {
    const tag = tagBefore(text, last);
    return malformed(state, `a second root element <${tag.name}>; a document has exactly one`, tag.at);
  }
  if (message === "disallowed character." && text.charCodeAt(last) === 60 /* < */) {
    return malformed(state, `"<" in an attribute value of <${tagBefore(text, last - 1).name}> (write &lt;)`, last);
  }
  const unbound = UNBOUND.exec(message);
  if (unbound !== null) {
    const tag = tagBefore(text, last);
    const prefix = shorten(unbound[1]);
    const what = `the prefix "${prefix}" (in <${tag.name}>) is not bound to a namespace: no xmlns:${prefix} declaration is in scope`;
    return malformed(state, what, tag.at);
  }
  return undefined;
}

/**
 * A root whose start tag saxes could not finish (`<html lang=en>`) is vetted
 * all the same, so a web page is refused as not a feed rather than as bad XML.
 */
function vetUnfinishedRoot(state: ReadState, last: number, vetRoot: VetRoot): void {
  if (state.root !== undefined) return;
  const at = state.text.lastIndexOf("<", last);
  const next = state.text.charCodeAt(at + 1);
  if (at >= 0 && next !== 33 /* ! */ && next !== 63 /* ? */ && next !== 47 /* / */) {
    const name = nameAt(state.text, at + 1);
    if (name !== "") vetRoot(name, state.doctypeAt);
  }
}

/** Turns an error saxes raised while reading into a DocumentError. */
export function describeSyntaxError(state: ReadState, message: string, vetRoot: VetRoot): DocumentError {
  const last = Math.max(0, state.position - 1);
  if (message === "incorrect syntax.") return declaration(state, last, vetRoot);
  vetUnfinishedRoot(state, last, vetRoot);
  if (message === "inappropriately located doctype declaration.") {
    return forbiddenDtd(state.text, state.text.lastIndexOf("<!", last));
  }
  const described = describeConstruct(state, message, last) ?? describeTag(state, message, last);
  if (described !== undefined) return described;
  if (message === "disallowed character.") {
    refuseIllegalCharacter(state.text);
    return malformed(state, "a character XML does not allow", last);
  }
  return malformed(state, shorten(message.replace(/\.$/, ""), 120), last);
}
