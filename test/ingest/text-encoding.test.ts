import { describe, expect, it } from "vitest";
import { decodeDocument } from "../../src/ingest/decode-document.ts";
import { DocumentError } from "../../src/ingest/errors.ts";
import { charsetOf, documentText } from "../../src/ingest/text-encoding.ts";
import { examples } from "../support/examples.ts";
import { encodeSingleByte } from "../support/legacy-encoding.ts";
import { rejection } from "../support/rejection.ts";

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

describe("a rejected document says which encoding it was read in, and why, when that may be the cause (issue 10, #11)", () => {
  const decode = (body: Uint8Array, contentType: string) => () =>
    decodeDocument(body, { contentType, receivedAt: "2025-04-20T00:00:00Z" });

  it("a body that is not valid in the encoding used (here UTF-8, the default)", () => {
    const doc = '{"version": "1", "items": [{"kind": "meeting", "id": "café", "title": "T", "status": "proposed"}]}';
    const err = rejection(decode(encodeSingleByte(doc, "iso-8859-1"), "application/json"));
    expect(err.code).toBe("invalid_document");
    expect(err.message).toMatch(/^item 0 \(id "caf\uFFFD"\), field "id": /);
    expect(err.message).toMatch(
      / \(the body was read as utf-8, the default when no byte order mark, Content-Type charset or XML declaration names an encoding, but it is not valid utf-8: its invalid bytes became U\+FFFD\)$/,
    );
    expect(err.issues[0]).toMatchObject({ index: 0, field: "id" });
  });

  it("a Content-Type charset and an XML declaration that disagree", () => {
    const xml = examples.rss0418
      .replace('encoding="UTF-8"', 'encoding="windows-1252"')
      .replace("<pu:id>rome-talks-2025-04-18</pu:id>", "<pu:id>rome-talks-2025-04-18-café</pu:id>");
    const body = encodeSingleByte(xml, "windows-1252");
    const err = rejection(decode(body, "application/rss+xml; charset=utf-8"));
    expect(err.message).toMatch(/^item 4 \(id "rome-talks-2025-04-18-caf\uFFFD"\), field "id": /);
    expect(err.message).toMatch(
      / \(the body was read as utf-8, as its Content-Type charset says, but it is not valid utf-8: its invalid bytes became U\+FFFD; its XML declaration says windows-1252\)$/,
    );
    // Read as declared, the same document fails only for its id, with nothing said about encodings.
    const plain = rejection(decode(body, "application/rss+xml"));
    expect(plain.message).toMatch(/^item 4 \(id "rome-talks-2025-04-18-café"\), field "id": [^(]*$/);
  });

  it("also when the text happens to be valid in the encoding used", () => {
    const xml = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title></chanel></rss>';
    const err = rejection(decode(new TextEncoder().encode(xml), "application/xml; charset=koi8-r"));
    expect(err.code).toBe("malformed");
    expect(err.message).toMatch(
      / \(the body was read as koi8-r, as its Content-Type charset says; its XML declaration says utf-8\)$/,
    );
  });
});
