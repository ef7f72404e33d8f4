/**
 * What the tree reader knows when saxes stops, and the plain facts error
 * messages are made of: positions as XML counts them (line and column),
 * names as written, refusals of DTDs.
 */
import { findIllegalCharacter, ILLEGAL_CHARACTER_RULE } from "../../text/xml-characters.ts";
import { DocumentError, shorten } from "../errors.ts";

/** An element as errors need it: its name as written and the index just after its start tag. */
export interface Placed {
  readonly name: string;
  readonly end: number;
}

/** What the tree reader knows when saxes stops. */
export interface ReadState {
  readonly text: string;
  /** saxes's position when it stopped: the index after the character it failed on. */
  position: number;
  /** The index after the last construct saxes reported complete. */
  mark: number;
  /** The elements open, outermost first. */
  readonly open: Placed[];
  /** The element the last end tag closed (saxes closes it before comparing names). */
  closed: Placed | undefined;
  root: Placed | undefined;
  /** The index of a DOCTYPE met before the root. */
  doctypeAt: number | undefined;
}

/** Refuses a root (by its name as written, with the index of a DOCTYPE before it) by throwing a DocumentError. */
export type VetRoot = (name: string, doctypeAt: number | undefined) => void;

const LINE_END = /\r\n?|\n/g;

/** 1-based line and column of an index, as XML counts: CR LF, CR and LF end a line; a column is a character. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  LINE_END.lastIndex = 0;
  for (let m = LINE_END.exec(text); m !== null && m.index < index; m = LINE_END.exec(text)) {
    line++;
    lineStart = m.index + m[0].length;
  }
  let column = 1;
  for (let i = lineStart; i < index; i++) {
    const c = text.charCodeAt(i);
    // The second half of a surrogate pair is not a character of its own.
    const pairEnd = c >= 0xdc00 && c <= 0xdfff && i > lineStart && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
    if (!pairEnd) column++;
  }
  return { line, column };
}

/** `line L column C` of an index. */
export function where(text: string, index: number): string {
  const { line, column } = lineColumn(text, Math.max(0, Math.min(index, text.length)));
  return `line ${line} column ${column}`;
}

/** The index of an element's "<" (no "<" can stand inside a start tag). */
export function startOf(text: string, el: Placed): number {
  return text.lastIndexOf("<", el.end - 1);
}

export function malformed(state: ReadState, what: string, index: number): DocumentError {
  return new DocumentError("malformed", `not well-formed XML: ${what} (${where(state.text, index)})`);
}

export function forbiddenDtd(text: string, at: number): DocumentError {
  return new DocumentError(
    "forbidden_markup",
    `the document contains a DTD (<!DOCTYPE>) at ${where(text, at)}; DTDs and entity declarations are not accepted`,
  );
}

const NAME = /[^\s/>=<"']*/y;

/** The name written from `index` on (a tag's, after its "<" or "</"), shortened. */
export function nameAt(text: string, index: number): string {
  NAME.lastIndex = index;
  return shorten(NAME.exec(text)?.[0] ?? "");
}

/** Throws for the first character outside XML's rule (src/text/xml-characters.ts) in `text`, if any. */
export function refuseIllegalCharacter(text: string): void {
  const illegal = findIllegalCharacter(text);
  if (illegal === null) return;
  throw new DocumentError(
    "malformed",
    `not well-formed XML: ${illegal.code} at ${where(text, illegal.index)} is not a character XML allows (${ILLEGAL_CHARACTER_RULE})`,
  );
}
