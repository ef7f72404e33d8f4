/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import json from "../../examples/talks-2025-04-18.json?raw";
import rss from "../../examples/talks-2025-04-18.rss.xml?raw";
import { decodeJson } from "../../src/ingest/decode-json.ts";
import { parseDocument } from "../../src/ingest/parse-document.ts";
import { decodeXml } from "../../src/ingest/xml/decode-xml.ts";
import atom from "../fixtures/talks-2025-04-18.atom.xml?raw";
import { rejection } from "../support/rejection.ts";

const receivedAt = "2025-04-19T00:00:00Z";
const fromXml = (xml: string) => parseDocument(decodeXml(xml), { receivedAt, defaultMode: "updates" });
const fromJson = (text: string) => parseDocument(decodeJson(text), { receivedAt, defaultMode: "snapshot" });

const PU = "urn:parley:update:1";

function rssDoc(items: string, channelExtra = "", prefix = "pu"): string {
  return `<?xml version="1.0"?>
<rss version="2.0" xmlns:${prefix}="${PU}"><channel>
<title>T</title><link>https://example.org/</link>
<${prefix}:version>1</${prefix}:version>${channelExtra}
${items}
</channel></rss>`;
}

const deadline = (id: string, extra = "") =>
  `<item><title>Deadline ${id}</title><pu:kind>deadline</pu:kind><pu:id>${id}</pu:id><pu:due>2025-05-01</pu:due><pu:status>open</pu:status>${extra}</item>`;

describe("decodeXml: the examples", () => {
  it("the RSS example gives exactly what the JSON example gives", () => {
    const expected = fromJson(json);
    expect(expected.items).toHaveLength(6);
    expect(fromXml(rss)).toStrictEqual(expected);
  });

  it("the Atom version of the same facts gives the same", () => {
    expect(fromXml(atom)).toStrictEqual(fromJson(json));
  });

  it("decodes RSS into the JSON encoding's raw shape, items in document order", () => {
    const raw = decodeXml(rss) as { items: Record<string, unknown>[] } & Record<string, unknown>;
    expect(raw.version).toBe("1");
    expect(raw.mode).toBe("snapshot");
    expect(raw.generated_at).toBe("2025-04-18T16:00:00Z");
    expect(raw.items.map((i) => i.id)).toEqual([
      "us-decision-on-peace-effort",
      "us-ukraine-minerals-deal",
      "reciprocal-tariff-pause-expiry",
      "paris-talks-2025-04-17",
      "rome-talks-2025-04-18",
      "london-talks-2025-04-23",
    ]);
    expect(raw.items[3]).toEqual({
      title: "Paris talks on the war in Ukraine",
      updated_at: "2025-04-18T11:30:00Z",
      tags: ["ukraine", "peace-talks"],
      kind: "meeting",
      id: "paris-talks-2025-04-17",
      starts_at: "2025-04-17",
      timezone: "Europe/Paris",
      location: { city: "Paris", country: "FR" },
      level: "ministerial",
      participants: ["United States", "Ukraine", "France", "United Kingdom", "Germany"],
      status: "held",
      outcome: "Described by Rubio as constructive: no party rejected proposals or walked away.",
    });
  });
});

describe("decodeXml: reading elements", () => {
  it("matches the extension namespace by URI, whatever the prefix", () => {
    const xml = rssDoc(deadline("a").replaceAll("pu:", "x:"), "<x:mode>snapshot</x:mode>", "x");
    const doc = fromXml(xml);
    expect(doc.mode).toBe("snapshot");
    expect(doc.items[0]).toMatchObject({ kind: "deadline", id: "a", due: "2025-05-01", status: "open" });
  });

  it("honours a namespace declared on the element itself, and a default namespace", () => {
    const xml = rssDoc(
      `<item><title>X</title><kind xmlns="${PU}">meeting</kind><q:id xmlns:q="${PU}">m1</q:id>` +
        `<status xmlns="${PU}">proposed</status></item>`,
    );
    expect(fromXml(xml).items[0]).toMatchObject({ kind: "meeting", id: "m1", status: "proposed" });
  });

  it("ignores elements whose local name matches but whose namespace does not", () => {
    const xml = rssDoc(deadline("a", `<other:status xmlns:other="urn:other">missed</other:status>`));
    expect(fromXml(xml).items[0]).toMatchObject({ status: "open" });
    // An unprefixed <kind> in no namespace is not pu:kind.
    const noKind = rssDoc("<item><title>X</title><kind>deadline</kind><pu:id>a</pu:id></item>");
    const err = rejection(() => fromXml(noKind));
    expect(err.issues[0]).toMatchObject({ index: 0, id: "a", field: "kind" });
  });

  it("reads CDATA, decodes references, trims text and keeps inner spaces", () => {
    const xml = rssDoc(
      deadline(
        "a",
        `<description>\n   Fish &amp; chips <![CDATA[<b>&amp;</b>]]> &#x263A;&#65; &lt;ok&gt; &quot;q&quot; &apos;s\n </description>`,
      ),
    );
    expect(fromXml(xml).items[0].summary).toBe(`Fish & chips <b>&amp;</b> ☺A <ok> "q" 's`);
  });

  it("collects repeated elements as lists, in order, and keeps one value for single ones", () => {
    const xml = rssDoc(
      deadline(
        "a",
        "<category>one</category><pu:party>P1</pu:party><category>two</category><pu:party>P2</pu:party><pu:party>P3</pu:party>",
      ),
    );
    const item = fromXml(xml).items[0];
    expect(item.tags).toEqual(["one", "two"]);
    expect(item.parties).toEqual(["P1", "P2", "P3"]);
    const raw = decodeXml(rssDoc(deadline("b", "<pu:party>Only</pu:party>"))) as { items: { parties: unknown }[] };
    expect(raw.items[0].parties).toEqual(["Only"]);
  });

  it("accepts a single-valued element repeated with the same value", () => {
    const xml = rssDoc(
      deadline(
        "a",
        "<pu:status>open</pu:status><title> Deadline a </title><pu:location><pu:city>Rome</pu:city></pu:location><pu:location><pu:city>Rome</pu:city></pu:location>",
      ),
    );
    expect(fromXml(xml).items[0]).toMatchObject({ status: "open", title: "Deadline a" });
  });

  it("refuses a single-valued element repeated with another value, naming item, id and field", () => {
    const twoStatuses = rssDoc(deadline("ok") + deadline("a", "<pu:status>met</pu:status>"));
    const err = rejection(() => decodeXml(twoStatuses));
    expect(err.code).toBe("invalid_document");
    expect(err.issues[0]).toMatchObject({ index: 1, id: "a", field: "status" });
    expect(err.message).toBe(
      `item 1 (id "a"), field "status": <pu:status> appears twice with different values ("open" and "met"); it holds one value`,
    );

    const twoCities = rssDoc(
      deadline("b", "<pu:location><pu:city>Rome</pu:city><pu:city>Paris</pu:city></pu:location>"),
    );
    expect(rejection(() => decodeXml(twoCities)).issues[0]).toMatchObject({
      index: 0,
      id: "b",
      field: "location.city",
    });

    const twoDates = rssDoc(
      deadline("c", "<pubDate>Fri, 18 Apr 2025 07:30:00 GMT</pubDate><pubDate>Sat, 19 Apr 2025 07:30:00 GMT</pubDate>"),
    );
    expect(rejection(() => decodeXml(twoDates)).issues[0]).toMatchObject({ index: 0, id: "c", field: "updated_at" });

    const twoVersions = rssDoc("", `<pu:version>2</pu:version>`);
    expect(rejection(() => decodeXml(twoVersions)).message).toContain("<pu:version> appears twice");

    const atomTwoSummaries = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:pu="${PU}"><pu:version>1</pu:version>
      <entry><title>E</title><summary>one</summary><summary>two</summary>
        <pu:kind>deadline</pu:kind><pu:id>e1</pu:id><pu:due-text>soon</pu:due-text><pu:status>met</pu:status>
      </entry></feed>`;
    // The id stands after the repeat in this entry; the error still names it.
    expect(rejection(() => decodeXml(atomTwoSummaries)).issues[0]).toEqual({
      index: 0,
      id: "e1",
      field: "summary",
      message: `<summary> appears twice with different values ("one" and "two"); it holds one value`,
    });
  });

  it("ignores unknown elements, unknown pu: elements and other namespaces", () => {
    const xml = rssDoc(
      deadline(
        "a",
        `<guid>g</guid><pu:future-field>x</pu:future-field><media:content xmlns:media="http://search.yahoo.com/mrss/" url="https://x/"/><comments>c</comments>`,
      ),
      `<atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" href="https://example.org/feed"/><pu:unknown>1</pu:unknown>`,
    );
    const doc = fromXml(xml);
    expect(doc.link).toBe("https://example.org/");
    expect(doc.items).toHaveLength(1);
    expect(Object.keys(decodeXml(xml) as object).sort()).toEqual(["items", "link", "title", "version"]);
  });

  it("converts RFC 822 dates to RFC 3339 UTC", () => {
    const xml = rssDoc(
      deadline("a", "<pubDate>Fri, 18 Apr 2025 07:30:00 -0400</pubDate>"),
      "<lastBuildDate>18 Apr 25 17:00 +0100</lastBuildDate>",
    );
    const raw = decodeXml(xml) as { generated_at: string; items: { updated_at: string }[] };
    expect(raw.generated_at).toBe("2025-04-18T16:00:00Z");
    expect(raw.items[0].updated_at).toBe("2025-04-18T11:30:00Z");
  });

  it("reads an Atom entry's link, summary or content, category terms and updated as written", () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><x:version xmlns:x="${PU}">1</x:version>
      <entry xmlns:pu="${PU}"><title>E</title>
        <link rel="enclosure" href="https://example.org/file.pdf"/>
        <link rel="alternate" href="https://example.org/e?a=1&amp;b=2"/>
        <content>Long text</content>
        <updated>2025-04-18T12:30:00+01:00</updated>
        <category term="a &amp; b" label="ignored"/><category>no term, ignored</category>
        <pu:kind>deadline</pu:kind><pu:id>e1</pu:id><pu:due-text>soon</pu:due-text><pu:status>met</pu:status>
      </entry></feed>`;
    const raw = decodeXml(xml) as { items: Record<string, unknown>[] };
    expect(raw.items[0]).toEqual({
      title: "E",
      url: "https://example.org/e?a=1&b=2",
      summary: "Long text",
      updated_at: "2025-04-18T12:30:00+01:00",
      tags: ["a & b"],
      kind: "deadline",
      id: "e1",
      due_text: "soon",
      status: "met",
    });
    expect(fromXml(xml).items[0].updated_at).toBe("2025-04-18T11:30:00Z");
  });

  it("resolves relative links against xml:base (nested, and on the link itself), then the document URL", () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:pu="${PU}" xml:base="https://example.org/news/">
      <pu:version>1</pu:version><link href="/"/>
      <entry xml:base="2025/"><title>E1</title><link href="london?x=1"/>
        <pu:kind>deadline</pu:kind><pu:id>e1</pu:id><pu:due-text>soon</pu:due-text><pu:status>open</pu:status></entry>
      <entry><title>E2</title><link xml:base="https://other.example/a/b" href="../c"/>
        <pu:kind>deadline</pu:kind><pu:id>e2</pu:id><pu:due-text>soon</pu:due-text><pu:status>open</pu:status></entry>
      <entry><title>E3</title><link href="HTTPS://kept.example/As/Written"/>
        <pu:kind>deadline</pu:kind><pu:id>e3</pu:id><pu:due-text>soon</pu:due-text><pu:status>open</pu:status></entry>
    </feed>`;
    const doc = fromXml(xml);
    expect(doc.link).toBe("https://example.org/");
    expect(doc.items.map((i) => i.url)).toEqual([
      "https://example.org/news/2025/london?x=1",
      "https://other.example/c",
      "HTTPS://kept.example/As/Written",
    ]);

    const rssRelative = rssDoc(deadline("a", "<link>item/a</link>")).replace(
      "<channel>",
      `<channel xml:base="http://x.example/feed/">`,
    );
    expect(fromXml(rssRelative).items[0].url).toBe("http://x.example/feed/item/a");

    // No base at all (a pushed document): the relative link stays as written and is refused.
    const pushed = rssDoc(deadline("a", "<link>item/a</link>"));
    expect(rejection(() => fromXml(pushed)).issues[0]).toMatchObject({ index: 0, id: "a", field: "url" });
    // Polled from a URL: that URL is the base.
    const polled = parseDocument(decodeXml(pushed, "https://feeds.example/talks/rss.xml"), {
      receivedAt,
      defaultMode: "updates",
    });
    expect(polled.items[0].url).toBe("https://feeds.example/talks/item/a");
  });

  it("reads Atom attributes once, as XML normalizes them, and links as RFC 4287 names them", () => {
    const entry = (
      inner: string,
    ) => `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:pu="${PU}"><pu:version>1</pu:version>
      <entry><title>E</title>${inner}
        <pu:kind>deadline</pu:kind><pu:id>e1</pu:id><pu:due-text>soon</pu:due-text><pu:status>met</pu:status></entry></feed>`;
    const raw = (inner: string) => (decodeXml(entry(inner)) as { items: Record<string, unknown>[] }).items[0];

    // A reference is decoded once: &amp;amp; is the text "&amp;".
    expect(raw(`<category term="AT&amp;amp;T"/><link href="https://e.org/?a=1&amp;amp;b=2"/>`)).toMatchObject({
      tags: ["AT&amp;T"],
      url: "https://e.org/?a=1&amp;b=2",
    });
    // Literal tabs and line ends in a value are spaces; a tab written &#9; stays a tab.
    expect(raw(`<category term="a\tb\r\nc"/><category term="d&#9;e"/>`).tags).toEqual(["a b c", "d\te"]);
    // "alternate" written as its IANA URI; an empty href does not block a later alternate.
    expect(raw(`<link rel="http://www.iana.org/assignments/relation/alternate" href="https://e.org/1"/>`).url).toBe(
      "https://e.org/1",
    );
    expect(raw(`<link href=""/><link rel="alternate" href="https://e.org/2"/>`).url).toBe("https://e.org/2");
    // A "<" in an attribute value is not well-formed.
    expect(rejection(() => decodeXml(entry(`<category term="a<b"/>`))).code).toBe("malformed");
  });

  it("reads Atom type=html titles and summaries as their text, as the JSON encoding would carry them", () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:pu="${PU}"><pu:version>1</pu:version>
      <entry><title type="html">AT&amp;amp;T &lt;b&gt;deal&lt;/b&gt;&amp;nbsp;&amp;eacute;t&amp;eacute;</title>
        <summary type="html">&lt;p&gt;Talks &amp;ldquo;within days&amp;rdquo;&lt;!-- note --&gt;&lt;/p&gt;</summary>
        <pu:kind>deadline</pu:kind><pu:id>e1</pu:id><pu:due-text>soon</pu:due-text><pu:status>met</pu:status></entry></feed>`;
    expect(fromXml(xml).items[0]).toMatchObject({ title: "AT&T deal\u00a0été", summary: "Talks “within days”" });
  });

  it("gives an empty item list for a channel without items", () => {
    expect(fromXml(rssDoc("")).items).toEqual([]);
  });
});

describe("decodeXml: rejections", () => {
  it("rejects malformed XML, naming line and column", () => {
    const err = rejection(() => decodeXml(rssDoc(`<item>\n<title>x</titel>\n</item>`)));
    expect(err.code).toBe("malformed");
    expect(err.message).toMatch(/line \d+ column \d+/);
    expect(err.message).toContain("line 6");
  });

  it("rejects a second root element", () => {
    const err = rejection(() => decodeXml(`${rssDoc("")}\n<rss/>`));
    expect(err.code).toBe("malformed");
    expect(err.message).toContain("second root");
  });

  it("rejects a DTD with an entity bomb (billion laughs) before parsing", () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0" xmlns:pu="${PU}"><channel><pu:version>1</pu:version><item><title>&lol4;</title></item></channel></rss>`;
    const err = rejection(() => decodeXml(bomb));
    expect(err.code).toBe("forbidden_markup");
    expect(err.message).toContain("DTD");
  });

  it("rejects an external entity (XXE)", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>`;
    expect(rejection(() => decodeXml(xxe)).code).toBe("forbidden_markup");
  });

  it("rejects an undeclared entity such as &nbsp; as malformed", () => {
    const err = rejection(() => decodeXml(rssDoc(deadline("a", "<description>a&nbsp;b</description>"))));
    expect(err.code).toBe("malformed");
    expect(err.message).toContain("&nbsp;");
  });

  it("rejects an unbound prefix as malformed", () => {
    const err = rejection(() => decodeXml(rssDoc("<item><zz:kind>deadline</zz:kind></item>")));
    expect(err.code).toBe("malformed");
    expect(err.message).toContain("zz:kind");
  });

  it("leaves the version to parseDocument: a wrong or missing pu:version is unsupported_version", () => {
    const wrong = rssDoc(deadline("a")).replace("<pu:version>1</pu:version>", "<pu:version>2</pu:version>");
    const err = rejection(() => fromXml(wrong));
    expect(err.code).toBe("unsupported_version");
    expect(err.message).toContain('"2"');
    const missing = rssDoc(deadline("a")).replace("<pu:version>1</pu:version>", "<version>1</version>");
    expect(rejection(() => fromXml(missing)).code).toBe("unsupported_version");
  });

  it("rejects an unparseable pubDate, naming the item, its id and the field", () => {
    const xml = rssDoc(deadline("ok") + deadline("bad-date", "<pubDate>2025-04-18T11:30:00Z</pubDate>"));
    const err = rejection(() => decodeXml(xml));
    expect(err.code).toBe("invalid_document");
    expect(err.issues).toEqual([
      {
        index: 1,
        id: "bad-date",
        field: "updated_at",
        message: expect.stringContaining("RFC 822 date in <pubDate>"),
      },
    ]);
    expect(err.message).toContain('item 1 (id "bad-date"), field "updated_at"');
  });

  it("names the item without an id when the id comes after the bad pubDate or is missing", () => {
    const xml = rssDoc("<item><pubDate>yesterday</pubDate><title>x</title></item>");
    expect(rejection(() => decodeXml(xml)).issues[0]).toEqual({
      index: 0,
      field: "updated_at",
      message: expect.stringContaining('got "yesterday"'),
    });
    const late = rssDoc("<item><pubDate>yesterday</pubDate><pu:id>late-id</pu:id></item>");
    expect(rejection(() => decodeXml(late)).issues[0]).toMatchObject({ index: 0, id: "late-id" });
  });

  it("rejects an unparseable lastBuildDate as generated_at", () => {
    const err = rejection(() => decodeXml(rssDoc("", "<lastBuildDate>soon</lastBuildDate>")));
    expect(err.issues[0]).toMatchObject({ field: "generated_at" });
    expect(err.message).toContain("lastBuildDate");
  });

  it("lets parseDocument name the right item index for a bad field", () => {
    const xml = rssDoc(deadline("a") + deadline("b") + deadline("c", "<pu:level>x</pu:level>").replace("open", "late"));
    const err = rejection(() => fromXml(xml));
    expect(err.issues[0]).toMatchObject({ index: 2, id: "c", field: "status" });
  });

  it("says plainly that nesting deeper than 100 levels is not read (not 'not well-formed')", () => {
    const deep = rssDoc(deadline("a"), `<x>${"<a>".repeat(150)}${"</a>".repeat(150)}</x>`);
    const err = rejection(() => decodeXml(deep));
    expect(err.code).toBe("invalid_document");
    expect(err.message).toBe("elements are nested more than 100 levels deep; parley reads documents up to that depth");
    expect(fromXml(rssDoc(deadline("a"), `<x>${"<a>".repeat(90)}${"</a>".repeat(90)}</x>`)).items).toHaveLength(1);
  });

  it("rejects a root that is neither rss nor an Atom feed", () => {
    for (const xml of [
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>`,
      `<feed><entry/></feed>`,
      `<channel><item/></channel>`,
    ]) {
      const err = rejection(() => decodeXml(xml));
      expect(err.code).toBe("invalid_document");
      expect(err.message).toContain("expected an RSS 2.0 <rss> or Atom <feed> root");
    }
  });

  it("rejects an rss root without a channel", () => {
    expect(rejection(() => decodeXml(`<rss version="2.0"/>`)).message).toContain("<channel>");
  });
});
