/**
 * What the XML reader refuses, and how it says so (issue 10): constructs that
 * are not well-formed, documents that end too soon, web pages, feeds whose
 * items stand where the format has none, and error texts that quote values
 * only as short excerpts. Written against decodeBody, the one ingest path for
 * pushes and polls.
 */
import { describe, expect, it } from "vitest";
import { decodeBody } from "../../src/ingest/decode-body.ts";
import { parseDocument } from "../../src/ingest/parse-document.ts";
import { rejection } from "../support/rejection.ts";

const PU = "urn:parley:update:1";
const ATOM = "http://www.w3.org/2005/Atom";
const receivedAt = "2025-04-19T00:00:00Z";

const decode = (xml: string) => decodeBody(xml, "application/xml").raw;
const parse = (xml: string) => parseDocument(decode(xml), { receivedAt, defaultMode: "updates" });

/** An RSS document whose channel holds `inner` (line 1 is the XML declaration, line 2 the root). */
const rssDoc = (inner: string) =>
  `<?xml version="1.0"?>\n<rss version="2.0" xmlns:pu="${PU}"><channel><pu:version>1</pu:version>\n${inner}\n</channel></rss>`;

const item = (id: string, extra = "") =>
  `<item><title>T ${id}</title><pu:kind>deadline</pu:kind><pu:id>${id}</pu:id><pu:due-text>soon</pu:due-text><pu:status>open</pu:status>${extra}</item>`;

describe("not well-formed XML is refused", () => {
  it('"--" inside a comment', () => {
    const err = rejection(() => decode(rssDoc(`<!-- one -- two -->${item("a")}`)));
    expect(err.code).toBe("malformed");
    expect(err.message).toBe(
      'not well-formed XML: "--" inside a comment (XML allows it only in the closing "-->") (line 3 column 10)',
    );
    // A comment ending in "--->" is the same mistake.
    expect(rejection(() => decode(rssDoc(`<!-- one --->${item("a")}`))).code).toBe("malformed");
  });

  it("an XML declaration that is not at the very start", () => {
    const err = rejection(() => decode(rssDoc(`${item("a")}\n  <?xml version="1.0"?>`)));
    expect(err.code).toBe("malformed");
    expect(err.message).toMatch(
      /^not well-formed XML: an XML declaration .* not at the very start .*\(line 4 column 3\)$/,
    );
    // Nor after a comment or blank lines before the root.
    expect(rejection(() => decode(`<!-- c -->\n<?xml version="1.0"?><rss/>`)).code).toBe("malformed");
  });

  it('a raw "]]>" in text (legal only as the end of a CDATA section, and in attribute values)', () => {
    const err = rejection(() => decode(rssDoc(item("a", "<description>a ]]> b</description>"))));
    expect(err.code).toBe("malformed");
    expect(err.message).toMatch(/^not well-formed XML: "\]\]>" in text.* \(line 3 column \d+\)$/);
    const inCdata = parse(rssDoc(item("a", "<description><![CDATA[x ]]]]><![CDATA[> y]]></description>")));
    expect(inCdata.items[0].summary).toBe("x ]]> y");
    const inAttribute = parse(rssDoc(item("a", `<category domain="a]]>b">c</category>`)));
    expect(inAttribute.items[0].tags).toEqual(["c"]);
  });
});

describe("characters XML does not allow are named, with their line and column", () => {
  it.each([
    ["in an attribute value", `<category domain="a\u0007b">c</category>`, "U+0007"],
    ["in a comment", `<!-- \uFFFF -->`, "U+FFFF"],
    // saxes alone would read a lone high surrogate as half of a pair (and skip the character after it).
    ["a lone high surrogate", `<description>a\uD800<b</description>`, "U+D800"],
  ])("%s", (_name, inner, code) => {
    const err = rejection(() => decode(rssDoc(item("a", inner))));
    expect(err.code).toBe("malformed");
    expect(err.message).toMatch(
      /^not well-formed XML: U\+[0-9A-F]{4} at line 3 column \d+ is not a character XML allows/,
    );
    expect(err.message).toContain(code);
  });
});

describe("well-formedness is reported before the items are", () => {
  it("an item refused for a repeated field, in a document that is not well-formed further on", () => {
    const xml = rssDoc(`${item("a", "<pu:status>met</pu:status>")}<item><title>x</titel></item>`);
    expect(rejection(() => decode(xml)).code).toBe("malformed");
    expect(rejection(() => decode(rssDoc(item("a", "<pu:status>met</pu:status>")))).code).toBe("invalid_document");
  });
});

describe("a document that ends too soon says what is left open, and where", () => {
  it("an unclosed root element", () => {
    const err = rejection(() => decode(`<?xml version="1.0"?>\n<rss version="2.0">\n<channel></channel>\n`));
    expect(err.code).toBe("malformed");
    expect(err.message).toBe(
      "not well-formed XML: the root element <rss> opened at line 2 column 1 is not closed before the end of the document (line 4 column 1)",
    );
  });

  it("a document cut off inside an item", () => {
    const err = rejection(() => decode(rssDoc(item("a")).split("\n</channel>")[0]));
    expect(err.message).toMatch(
      /^not well-formed XML: <channel> opened at line 2 column \d+ is not closed before the end of the document, nor is the root <rss>/,
    );
  });

  it("an unclosed CDATA section", () => {
    const err = rejection(() => decode(rssDoc(item("a", "<description><![CDATA[never closed</description>"))));
    expect(err.code).toBe("malformed");
    expect(err.message).toMatch(
      /^not well-formed XML: a CDATA section opened at line 3 column \d+ is never closed \(no "\]\]>" before the end of the document\)/,
    );
    expect(err.message).not.toMatch(/unclosed tag|unexpected end/);
  });

  it("an unclosed comment, after one that is closed", () => {
    const err = rejection(() => decode(rssDoc(`<!-- fine -->\n  <!-- never closed ${item("a")}`)));
    expect(err.message).toMatch(
      /^not well-formed XML: a comment opened at line 4 column 3 is never closed \(no "-->" before the end of the document\)/,
    );
  });

  it("a bare & is named where it stands, not where the parser gave up", () => {
    const err = rejection(() => decode(rssDoc(item("a", "<description>Q&amp;A & more</description>"))));
    expect(err.message).toMatch(/^not well-formed XML: a bare "&" must be written &amp; \(line 3 column \d+\)$/);
    const column = Number(/column (\d+)/.exec(err.message)?.[1]);
    expect(rssDoc(item("a", "<description>Q&amp;A & more</description>")).split("\n")[2][column - 1]).toBe("&");
  });
});

describe("a web page is not a feed", () => {
  it.each([
    ["<!DOCTYPE html>", `<!DOCTYPE html>\n<html lang="en"><head><title>News</title></head><body></body></html>`],
    ["<!doctype html>", `<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>News</title></head></html>`],
    ["no DOCTYPE", `<html><head><title>News</title></head><body><p>Hi<br></body></html>`],
    [
      "XHTML",
      `<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body/></html>`,
    ],
  ])("%s: refused as not a feed, naming the root it found", (_name, page) => {
    const err = rejection(() => decode(page));
    expect(err.code).toBe("invalid_document");
    expect(err.message).toBe(
      "not a feed: the root element is <html> (a web page); expected an RSS 2.0 <rss> or Atom <feed> root",
    );
    expect(err.message).not.toContain("DTD");
  });

  it("a DOCTYPE before a feed root is still refused as a DTD", () => {
    for (const doc of [
      `<!DOCTYPE rss>\n<rss version="2.0"><channel/></rss>`,
      `<!doctype feed><feed xmlns="${ATOM}"/>`,
    ]) {
      const err = rejection(() => decode(doc));
      expect(err.code).toBe("forbidden_markup");
      expect(err.message).toContain("DTD");
    }
  });
});

describe("items where the format has none are not read as no items", () => {
  const atomSnapshot = (entries: string) =>
    `<feed xmlns="${ATOM}" xmlns:pu="${PU}"><pu:version>1</pu:version><pu:mode>snapshot</pu:mode>\n${entries}\n</feed>`;

  it("an Atom snapshot whose entries are RSS <item>s is refused, naming what it found", () => {
    const err = rejection(() => decode(atomSnapshot(item("a") + item("b"))));
    expect(err.code).toBe("invalid_document");
    expect(err.issues[0]).toMatchObject({ field: "items" });
    expect(err.message).toMatch(
      /^no items read, but the <feed> holds 2 elements that look like items where items go \(the first, <item> at line 2 column 1\); an Atom feed's items are <entry> elements/,
    );
  });

  it("so are Atom entries outside the Atom namespace, and RSS entries or items outside the channel", () => {
    const noNamespace = `<feed xmlns="${ATOM}" xmlns:pu="${PU}"><pu:version>1</pu:version><entry xmlns=""><pu:id>a</pu:id></entry></feed>`;
    const entriesInRss = rssDoc(`<entry><pu:kind>deadline</pu:kind></entry>`);
    const itemsOutside = `<rss version="2.0" xmlns:pu="${PU}"><channel><pu:version>1</pu:version></channel>${item("a")}</rss>`;
    for (const doc of [noNamespace, entriesInRss, itemsOutside]) {
      expect(rejection(() => decode(doc)).message).toMatch(/^no items read, but the <(feed|rss)> holds an element/);
    }
  });

  it("a genuinely empty snapshot is still accepted, as are unknown elements beside real items", () => {
    expect(parse(atomSnapshot("")).items).toEqual([]);
    expect(parse(rssDoc("<guid>x</guid>")).items).toEqual([]);
    const mixed = atomSnapshot(
      `<entry><title>E</title><pu:kind>deadline</pu:kind><pu:id>e1</pu:id><pu:due-text>soon</pu:due-text><pu:status>open</pu:status></entry>${item("x")}`,
    );
    expect(parse(mixed).items.map((i) => i.id)).toEqual(["e1"]);
  });
});

describe("error texts quote values as short excerpts", () => {
  const longest = (message: string) => Math.max(...[...message.matchAll(/"([^"]*)"/g)].map((m) => m[1].length));

  it("a single-valued element repeated with long values", () => {
    const a = "a".repeat(5000);
    const b = "b".repeat(5000);
    const err = rejection(() =>
      decode(rssDoc(item("x", `<description>${a}</description><description>${b}</description>`))),
    );
    expect(err.message.length).toBeLessThan(400);
    expect(err.message).toContain(`"${"a".repeat(79)}…"`);
    expect(longest(err.message)).toBeLessThanOrEqual(80);
  });

  it("an unreadable date, a long entity name, a long element name, a long version", () => {
    const messages = [
      rejection(() => decode(rssDoc(item("x", `<pubDate>${"9".repeat(10_000)}</pubDate>`)))).message,
      rejection(() => decode(rssDoc(item("x", `<description>&${"x".repeat(10_000)};</description>`)))).message,
      rejection(() => decode(rssDoc(`<${"n".repeat(10_000)}>x</${"m".repeat(10_000)}>`))).message,
      rejection(() => parse(rssDoc("").replace("<pu:version>1", `<pu:version>${"2".repeat(10_000)}`))).message,
    ];
    for (const message of messages) {
      expect(message.length).toBeLessThan(500);
      expect(message).toContain("…");
    }
  });
});
