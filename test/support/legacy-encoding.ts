/**
 * Encodes text in a single-byte legacy encoding (windows-1252, koi8-r, …) for
 * the character-encoding tests: the byte table comes from TextDecoder itself,
 * and a character the encoding lacks is written as an XML numeric character
 * reference (fine inside XML text, so use it only for XML documents).
 */
export function encodeSingleByte(text: string, label: string): Uint8Array {
  const decoder = new TextDecoder(label);
  const byteOf = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(new Uint8Array([b]));
    if (ch !== "\uFFFD" && !byteOf.has(ch)) byteOf.set(ch, b);
  }
  const out: number[] = [];
  for (const ch of text) {
    const b = byteOf.get(ch);
    if (b !== undefined) out.push(b);
    else for (const c of `&#x${ch.codePointAt(0)?.toString(16)};`) out.push(c.charCodeAt(0));
  }
  return new Uint8Array(out);
}
