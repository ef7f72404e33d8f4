import { describe, expect, it } from "vitest";
import { eventBody, formatValue } from "../../src/render/event-body.ts";
import { eventLink } from "../../src/render/event-link.ts";
import { feedUpdated } from "../../src/render/feed-meta.ts";
import { escapeXml } from "../../src/render/xml-text.ts";
import { stripInvalidXmlChars } from "../../src/text/xml-characters.ts";
import { formatRfc822, parseRfc822 } from "../../src/time/rfc822.ts";
import { downgraded, EVENTS, extended, nasty, relocated } from "./fixtures.ts";

describe("formatValue", () => {
  it("writes values as a reader wants them", () => {
    expect(formatValue(null)).toBe("—");
    expect(formatValue(undefined)).toBe("—");
    expect(formatValue("")).toBe("—");
    expect(formatValue([])).toBe("—");
    expect(formatValue(["UA", "US"])).toBe("UA, US");
    expect(formatValue({ venue: "Lancaster House", city: "London", country: "GB" })).toBe(
      "Lancaster House, London, GB",
    );
    expect(formatValue({ country: "TR", city: "Istanbul" })).toBe("Istanbul, TR");
    expect(formatValue(3)).toBe("3");
    expect(formatValue({ other: 1 })).toBe('{"other":1}');
  });
});

describe("eventBody", () => {
  const FOOTER_LONDON =
    "Source: ukraine-talks\nHappened 23 Apr 2025, 18:00 BST · detected by parley 23 Apr 2025, 19:05 BST";

  it("lists each change new value first, then the old, with source, times and the item link", () => {
    const body = eventBody(downgraded);
    expect(body.html).toBe(
      "<ul>\n<li><b>level</b>: officials <i>(was: ministerial)</i></li>\n" +
        "<li><b>status</b>: held <i>(was: scheduled)</i></li>\n</ul>\n" +
        "<p>Source: ukraine-talks<br>\nHappened 23 Apr 2025, 18:00 BST · detected by parley 23 Apr 2025, 19:05 BST</p>\n" +
        '<p><a href="https://example.org/talks/london?date=2025-04-23&amp;lang=en">https://example.org/talks/london?date=2025-04-23&amp;lang=en</a></p>',
    );
    expect(body.text).toBe(
      `level: officials (was: ministerial)\nstatus: held (was: scheduled)\n${FOOTER_LONDON}\nhttps://example.org/talks/london?date=2025-04-23&lang=en`,
    );
  });

  it("shows participants added and removed", () => {
    expect(eventBody(relocated).text.split("\n")[1]).toBe(
      "participants: 1 added: Andriy Yermak; 1 removed: Marco Rubio",
    );
  });

  it("writes dates for people in the item's zone; no link without a URL or base", () => {
    expect(eventBody(extended).text).toBe(
      "due: 15 May 2025 (was: 30 Apr 2025)\nSource: ukraine-talks\n" +
        "Happened 20 Apr 2025, 15:00 GMT+3 · detected by parley 20 Apr 2025, 15:01 GMT+3",
    );
  });

  it("escapes all source text and never links a non-http URL", () => {
    const { html, text } = eventBody(nasty);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<i>old");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; ]]&gt;");
    expect(html).toContain("(was: &lt;i&gt;old&lt;/i&gt; title)");
    expect(html).not.toContain("javascript:");
    expect(eventLink(nasty)).toBeUndefined();
    expect(eventLink(nasty, "https://parley.example")).toBe(
      "https://parley.example/items/ukraine-talks/deadline/nasty",
    );
    expect(stripInvalidXmlChars(html + text)).toBe(html + text);
    expect(`${html}${text}`.includes("\u0000")).toBe(false);
  });

  it("leads with the summary and the item's facts when there are no changes", () => {
    const body = eventBody({
      ...downgraded,
      item: { ...downgraded.item, url: undefined },
      changes: [],
      summary: "a <b>",
    });
    expect(body.html.startsWith("<p>a &lt;b&gt;</p>\n<ul>\n<li><b>When</b>: 23 Apr 2025, 10:00 BST</li>\n")).toBe(true);
    expect(body.text.split("\n").slice(0, 3)).toEqual([
      "a <b>",
      "When: 23 Apr 2025, 10:00 BST",
      "Where: Lancaster House, London, GB",
    ]);
  });
});

describe("xml text", () => {
  it("drops characters XML 1.0 forbids and escapes markup", () => {
    expect(escapeXml(`a&b<c>d"e'f]]>`)).toBe("a&amp;b&lt;c&gt;d&quot;e&#39;f]]&gt;");
    expect(stripInvalidXmlChars("a\u0000b\u0008c\td\ne\rf\u000bg\ufffeh\uffff😀")).toBe("abc\td\ne\rfgh😀");
    expect(stripInvalidXmlChars("x\ud800y\udc00z") === "xyz").toBe(true);
  });
});

describe("formatRfc822", () => {
  it("writes RSS dates that parseRfc822 reads back", () => {
    expect(formatRfc822(Date.UTC(2025, 3, 23, 17, 0, 0))).toBe("Wed, 23 Apr 2025 17:00:00 GMT");
    expect(formatRfc822(Date.UTC(2024, 1, 29, 3, 4, 5, 999))).toBe("Thu, 29 Feb 2024 03:04:05 GMT");
    expect(formatRfc822(0)).toBe("Thu, 01 Jan 1970 00:00:00 GMT");
    for (const t of [0, 1_745_427_600_000, Date.UTC(1999, 11, 31, 23, 59, 59), Date.UTC(2100, 0, 1)]) {
      expect(parseRfc822(formatRfc822(t))).toBe(t);
    }
    expect(() => formatRfc822(Number.NaN)).toThrow(RangeError);
  });
});

describe("feedUpdated", () => {
  it("is the newest detected_at, or the epoch", () => {
    expect(feedUpdated(EVENTS)).toBe("2025-04-24T08:35:00Z");
    expect(feedUpdated([])).toBe("1970-01-01T00:00:00Z");
  });
});
