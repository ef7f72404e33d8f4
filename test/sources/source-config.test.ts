import { describe, expect, it } from "vitest";
import { DocumentError } from "../../src/ingest/errors.ts";
import { parseDocument } from "../../src/ingest/parse-document.ts";
import { sourcePutSchema } from "../../src/sources/source-config.ts";

/** Does an item accept this text as its title, and this URL as its url? */
function itemAccepts(field: "title" | "url", value: string): boolean {
  const item = { kind: "meeting", id: "m", title: "T", status: "proposed", [field]: value };
  try {
    parseDocument({ version: "1", items: [item] }, { receivedAt: "2025-04-20T00:00:00Z", defaultMode: "snapshot" });
    return true;
  } catch (err) {
    if (err instanceof DocumentError) return false;
    throw err;
  }
}

describe("source config text follows the item text rule (issue 10, #11)", () => {
  it("a title with a control character is refused naming the field and the character", () => {
    const r = sourcePutSchema.safeParse({ title: "  Talks\u0007" });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({
        path: ["title"],
        message:
          "contains U+0007 at position 5: control characters other than tab and line ends, U+FFFE, U+FFFF and unpaired surrogates are not allowed",
      }),
    ]);
  });

  it("accepts and refuses exactly the titles and URLs an item does", () => {
    const titles = [
      "Talks",
      "Talks\u0007",
      "a\u0000b",
      "a\uFFFEb",
      "lone \uD800",
      "tab\there",
      "two\nlines",
      "cr\rlf",
      "🎉",
    ];
    for (const title of titles) {
      expect(sourcePutSchema.safeParse({ title }).success, JSON.stringify(title)).toBe(itemAccepts("title", title));
    }
    const urls = [
      "https://example.org/feed",
      "HTTP://example.org/feed",
      "https://example.org/a\u0007b",
      "https://exa\nmple.org/",
      "https://example.org/a b",
      "http://example.org\\feed",
      "http:example.org",
      "http:///example.org",
      "ftp://example.org/",
    ];
    for (const url of urls) {
      expect(sourcePutSchema.safeParse({ url }).success, JSON.stringify(url)).toBe(itemAccepts("url", url));
    }
  });
});
