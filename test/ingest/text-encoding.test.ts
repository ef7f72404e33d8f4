import { describe, expect, it } from "vitest";
import { DocumentError } from "../../src/ingest/errors.ts";
import { charsetOf, documentText } from "../../src/ingest/text-encoding.ts";
import { encodeSingleByte } from "../support/legacy-encoding.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => new Uint8Array(b);

describe("the character encoding of a body (RFC 7303 order)", () => {
  it("is UTF-8 when nothing says otherwise", () => {
    expect(charsetOf(utf8('{"version":"1"}'), "application/json")).toEqual({ label: "utf-8", from: "default" });
    expect(documentText(utf8('{"title":"Genève"}'), null)).toBe('{"title":"Genève"}');
  });

  it("a byte order mark wins over everything and is dropped", () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("<rss/>")]);
    expect(charsetOf(withBom, "text/xml; charset=iso-8859-1").from).toBe("byte order mark");
    expect(documentText(withBom, "text/xml; charset=iso-8859-1")).toBe("<rss/>");
    const utf16 = bytes(0xff, 0xfe, 0x3c, 0, 0x61, 0, 0xe9, 0, 0x2f, 0, 0x3e, 0);
    expect(documentText(utf16, "application/xml")).toBe("<a\u00e9/>");
  });

  it("the Content-Type charset wins over the XML declaration", () => {
    const doc = encodeSingleByte('<?xml version="1.0" encoding="UTF-8"?><t>Genève – Kyiv</t>', "windows-1252");
    expect(charsetOf(doc, 'application/rss+xml; charset="Windows-1252"')).toEqual({
      label: "Windows-1252",
      from: "Content-Type charset",
    });
    expect(documentText(doc, "application/rss+xml; charset=windows-1252")).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><t>Genève – Kyiv</t>',
    );
  });

  it("the XML declaration's encoding applies when the Content-Type has none", () => {
    const doc = encodeSingleByte("<?xml version='1.0' encoding='ISO-8859-1'?><t>Genève</t>", "iso-8859-1");
    expect([...doc]).toContain(0xe8); // è
    expect(charsetOf(doc, "application/xml")).toEqual({ label: "ISO-8859-1", from: "XML declaration" });
    expect(documentText(doc, "application/xml")).toBe("<?xml version='1.0' encoding='ISO-8859-1'?><t>Genève</t>");
    const cyrillic = encodeSingleByte('<?xml version="1.0" encoding="koi8-r"?><t>Москва</t>', "koi8-r");
    expect(documentText(cyrillic, null)).toBe('<?xml version="1.0" encoding="koi8-r"?><t>Москва</t>');
  });

  it("bytes invalid in the encoding become U+FFFD, as in feed readers", () => {
    expect(documentText(bytes(0x7b, 0xff, 0x7d), "application/json")).toBe("{\uFFFD}");
  });

  it("an encoding TextDecoder does not know rejects the document, naming the label and where it came from", () => {
    const attempt = () => documentText(utf8('<?xml version="1.0" encoding="x-klingon"?><t/>'), "text/xml");
    expect(attempt).toThrow(DocumentError);
    expect(attempt).toThrow(/unsupported character encoding "x-klingon" \(from the XML declaration\)/);
    try {
      documentText(utf8("{}"), "application/json; charset=ebcdic-cp-us");
    } catch (err) {
      expect((err as DocumentError).code).toBe("unsupported_charset");
      expect((err as DocumentError).message).toMatch(/"ebcdic-cp-us" \(from the Content-Type charset\)/);
    }
    expect.assertions(4);
  });
});
