import { describe, expect, it } from "vitest";
import { diffItem } from "../../src/detect/diff-item.ts";
import { decodeDocument } from "../../src/ingest/decode-document.ts";
import { DocumentError } from "../../src/ingest/errors.ts";
import { parseDocument } from "../../src/ingest/parse-document.ts";
import { examples } from "../support/examples.ts";
import { rejection as rejectionOf } from "../support/rejection.ts";

const options = { receivedAt: "2025-04-20T00:00:00Z", defaultMode: "snapshot" as const };
const parse = (items: unknown[]) => parseDocument({ version: "1", items }, options);

function rejection(items: unknown[]): DocumentError {
  try {
    parse(items);
  } catch (err) {
    if (err instanceof DocumentError) return err;
    throw err;
  }
  throw new Error("expected the document to be rejected");
}

describe("surrounding whitespace (JSON encoding)", () => {
  it("is trimmed from every string, list member and location field; blank optional fields are absent", () => {
    const [meeting] = parse([
      {
        kind: "meeting",
        id: "  london-talks ",
        title: "\tLondon talks\n",
        summary: "   ",
        url: " https://example.org/talks ",
        updated_at: " 2025-04-18T16:00:00Z ",
        tags: [" Ukraine ", "ceasefire  "],
        participants: "  Keith Kellogg ",
        timezone: " Europe/London ",
        starts_at: " 2025-04-23 ",
        location: { city: " London ", country: " gb ", venue: "  " },
        level: " ministerial ",
        status: " scheduled ",
        outcome: "",
      },
    ]).items;
    expect(meeting).toEqual({
      kind: "meeting",
      id: "london-talks",
      title: "London talks",
      url: "https://example.org/talks",
      updated_at: "2025-04-18T16:00:00Z",
      tags: ["Ukraine", "ceasefire"],
      parties: [],
      timezone: "Europe/London",
      participants: ["Keith Kellogg"],
      status: "scheduled",
      starts_at: "2025-04-23",
      location: { city: "London", country: "GB" },
      level: "ministerial",
    });
  });

  it("a title or list member that is only whitespace is an error naming item, id and field", () => {
    const blankTitle = rejection([{ kind: "deadline", id: "d1", title: "   ", due: "2025-05-01", status: "open" }]);
    expect(blankTitle.issues).toContainEqual({ index: 0, id: "d1", field: "title", message: "title is empty" });
    const blankTag = rejection([
      { kind: "deadline", id: "d2", title: "T", due: "2025-05-01", status: "open", tags: ["ok", "  "] },
    ]);
    expect(blankTag.issues).toContainEqual({ index: 0, id: "d2", field: "tags.1", message: "empty tag" });
  });
});

describe("normalized items", () => {
  it("list fields drop case-insensitive repeats, keeping the first spelling and the order", () => {
    const [meeting] = parse([
      {
        kind: "meeting",
        id: "m1",
        title: "Talks",
        status: "proposed",
        tags: ["Ukraine", "ceasefire", "UKRAINE", "Ceasefire", "trade"],
        parties: ["France"],
        participants: ["Keith Kellogg", "keith kellogg", "Andriy Yermak", "KEITH KELLOGG"],
      },
    ]).items;
    expect(meeting.tags).toEqual(["Ukraine", "ceasefire", "trade"]);
    expect(meeting.parties).toEqual(["France"]);
    expect(meeting.kind === "meeting" && meeting.participants).toEqual(["Keith Kellogg", "Andriy Yermak"]);
  });

  it("keys come in one fixed order whatever order the document used (stored JSON is stable)", () => {
    const [a] = parse([
      { status: "open", due: "2025-05-01", title: "T", id: "d1", kind: "deadline", set_by: "US", tags: ["x"] },
    ]).items;
    expect(Object.keys(a)).toEqual([
      "kind",
      "id",
      "title",
      "updated_at",
      "tags",
      "parties",
      "timezone",
      "status",
      "due",
      "set_by",
    ]);
    const [m] = parse([
      { location: { venue: "V" }, status: "held", starts_at: "2025-05-01", kind: "meeting", id: "m1", title: "T" },
    ]).items;
    expect(Object.keys(m)).toEqual([
      "kind",
      "id",
      "title",
      "updated_at",
      "tags",
      "parties",
      "timezone",
      "participants",
      "status",
      "starts_at",
      "location",
    ]);
  });

  it("a location whose fields are all blank is absent", () => {
    const [m] = parse([
      { kind: "meeting", id: "m1", title: "T", status: "proposed", location: { city: " ", venue: "" } },
    ]).items;
    expect(m).not.toHaveProperty("location");
  });

  it("a list member that is not a string is an error naming the member", () => {
    const notString = rejection([
      { kind: "deadline", id: "d1", title: "T", due: "2025-05-01", status: "open", tags: ["ok", 3] },
    ]);
    expect(notString.issues).toContainEqual({
      index: 0,
      id: "d1",
      field: "tags.1",
      message: "expected tag as a string",
    });
  });

  it("a name over the length limit is an error naming the member", () => {
    const long = rejection([
      { kind: "meeting", id: "m1", title: "T", status: "proposed", participants: ["ok", "x".repeat(501)] },
    ]);
    expect(long.issues).toContainEqual({
      index: 0,
      id: "m1",
      field: "participants.1",
      message: "participant longer than 500 characters",
    });
  });
});

describe("item url", () => {
  const withUrl = (url: string) => [{ kind: "deadline", id: "d1", title: "T", due: "2025-05-01", status: "open", url }];

  it("accepts absolute http and https URLs, in any case", () => {
    for (const url of ["https://example.org/talks?x=1#y", "http://example.org", "HTTPS://Example.org/A"]) {
      expect(parse(withUrl(url)).items[0].url).toBe(url);
    }
  });

  it.each([
    "/talks/london",
    "example.org/talks",
    "ftp://example.org/x",
    "javascript:alert(1)",
    "https://",
    "http:example.org",
    "http:///example.org",
    "http://example.org\\a",
    "https://exa\nmple.org/",
    "https://example.org/a\tb",
    "https://example.org/a b",
  ])("refuses %j, naming the field", (url) => {
    expect(rejection(withUrl(url)).issues).toContainEqual({
      index: 0,
      id: "d1",
      field: "url",
      message: "expected an absolute http(s) URL",
    });
  });
});

describe("limits, characters and messages", () => {
  const d = (over: Record<string, unknown>) => ({
    kind: "deadline",
    id: "d1",
    title: "T",
    due: "2025-05-01",
    status: "open",
    ...over,
  });

  it("counts lengths in characters, not UTF-16 units", () => {
    const emoji = "🕊";
    expect(parse([d({ tags: [emoji.repeat(100)] })]).items[0].tags).toEqual([emoji.repeat(100)]);
    expect(rejection([d({ tags: [emoji.repeat(101)] })]).issues[0]).toMatchObject({
      field: "tags.0",
      message: "tag longer than 100 characters",
    });
    expect(parse([d({ title: emoji.repeat(500) })]).items[0].title).toHaveLength(1000);
  });

  it("counts tags after case-insensitive repeats are dropped", () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `t${i}`);
    expect(parse([d({ tags: [...fifty, "T0"] })]).items[0].tags).toEqual(fifty);
    expect(rejection([d({ tags: [...fifty, "t50"] })]).issues[0]).toMatchObject({
      index: 0,
      id: "d1",
      field: "tags",
      message: "at most 50 tags (got 51)",
    });
  });

  it("tells a missing title from a title that is not a string", () => {
    expect(rejection([d({ title: undefined })]).issues[0].message).toBe(
      "required: a title (1–500 characters of plain text)",
    );
    expect(rejection([d({ title: 2 })]).issues[0].message).toBe("expected a title as a string");
  });

  it("trims kind like every other string", () => {
    expect(parse([d({ kind: " deadline " })]).items[0].kind).toBe("deadline");
  });

  it("refuses characters XML cannot carry, naming the field and the character", () => {
    const err = rejection([
      d({ title: "a\u0000b", tags: ["ok", "x\uFFFE"] }),
      {
        kind: "meeting",
        id: "m1",
        title: "T",
        status: "proposed",
        location: { city: "Lon\uD800don" },
        participants: ["fine\ttab"],
      },
    ]);
    expect(err.issues).toEqual([
      expect.objectContaining({
        index: 0,
        id: "d1",
        field: "title",
        message: expect.stringMatching(/^contains U\+0000 at position 1/),
      }),
      expect.objectContaining({
        index: 0,
        id: "d1",
        field: "tags.1",
        message: expect.stringMatching(/^contains U\+FFFE/),
      }),
      expect.objectContaining({
        index: 1,
        id: "m1",
        field: "location.city",
        message: expect.stringMatching(/^contains U\+D800/),
      }),
    ]);
    // Tabs, line ends and paired surrogates are text.
    expect(parse([d({ title: "a\tb\n🕊" })]).items[0].title).toBe("a\tb\n🕊");
  });

  it("takes assigned ISO 3166-1 country codes (and XK), in any case", () => {
    const m = (country: string) => ({
      kind: "meeting",
      id: "m1",
      title: "T",
      status: "proposed",
      location: { country },
    });
    expect(parse([m("xk")]).items[0]).toMatchObject({ location: { country: "XK" } });
    expect(parse([m("Ua")]).items[0]).toMatchObject({ location: { country: "UA" } });
    for (const bad of ["ZZ", "AA", "EU", "GBR"]) {
      expect(rejection([m(bad)]).issues[0]).toMatchObject({ field: "location.country" });
    }
  });

  it("counts every problem exactly, and says when only the first 20 are listed", () => {
    const many = rejection(Array.from({ length: 30 }, (_, i) => d({ id: `d${i}`, status: "late" })));
    expect(many.issues).toHaveLength(20);
    expect(many.message).toMatch(/\(and 29 more problems; the first 20 are listed in issues\)$/);
    const few = rejection([d({ status: "late", due: "soon", title: "" })]);
    expect(few.issues).toHaveLength(3);
    expect(few.message).toMatch(/\(and 2 more problems, listed in issues\)$/);
  });
});

describe("updated_at", () => {
  const withUpdated = (updated_at: string) => [
    { kind: "deadline", id: "d1", title: "T", due: "2025-05-01", status: "open", updated_at },
  ];
  const stored = (updated_at: string) => parse(withUpdated(updated_at)).items[0].updated_at;

  it("years 0000–0099 are stored as written, whatever the offset", () => {
    expect(stored("0050-01-01T00:00:00Z")).toBe("0050-01-01T00:00:00Z");
    expect(stored("0050-01-01T00:00:00+00:00")).toBe("0050-01-01T00:00:00Z");
    expect(stored("0050-01-01T02:00:00+02:00")).toBe("0050-01-01T00:00:00Z");
  });

  it("a fraction of any length is stored to the millisecond, truncated", () => {
    expect(stored("2025-04-18T11:30:00.1234567890Z")).toBe("2025-04-18T11:30:00.123Z");
    expect(stored("2025-04-18T12:30:00.99999999999999+01:00")).toBe("2025-04-18T11:30:00.999Z");
  });

  it("a leap second is stored as the second before it, whatever the offset it was written with", () => {
    expect(stored("2016-12-31T23:59:60Z")).toBe("2016-12-31T23:59:59Z");
    expect(stored("2017-01-01T00:59:60+01:00")).toBe("2016-12-31T23:59:59Z");
    expect(stored("2016-12-31T23:59:60.5Z")).toBe("2016-12-31T23:59:59.500Z");
  });

  it("second 60 anywhere but 23:59:60 UTC is an error naming the field", () => {
    for (const value of ["2025-04-18T16:00:60Z", "2016-12-31T23:59:60+01:00"]) {
      expect(rejection(withUpdated(value)).issues).toContainEqual({
        index: 0,
        id: "d1",
        field: "updated_at",
        message:
          "second 60 is a leap second, allowed only at 23:59:60 UTC (e.g. 2016-12-31T23:59:60Z or 2017-01-01T00:59:60+01:00)",
      });
    }
    const due = rejection([{ kind: "deadline", id: "d1", title: "T", due: "2025-05-01T12:00:60Z", status: "open" }]);
    expect(due.issues).toContainEqual(
      expect.objectContaining({ field: "due", message: expect.stringMatching(/^second 60 is a leap second/) }),
    );
    try {
      parseDocument({ version: "1", generated_at: "2025-05-01T12:00:60Z", items: [] }, options);
      expect.unreachable();
    } catch (err) {
      expect((err as DocumentError).issues).toContainEqual(
        expect.objectContaining({
          field: "generated_at",
          message: expect.stringMatching(/^second 60 is a leap second/),
        }),
      );
    }
  });
});

describe("dates in the future (issue 10, #6)", () => {
  // options.receivedAt is 2025-04-20T00:00:00Z; the tolerance is 24 hours.
  const item = (extra: Record<string, unknown>) => ({
    kind: "deadline",
    id: "d1",
    title: "T",
    due: "2025-05-01",
    status: "open",
    ...extra,
  });

  it("an updated_at more than 24 hours after receipt is refused naming item, id and field", () => {
    const err = rejection([item({}), item({ id: "d2", updated_at: "9999-12-31T23:59:59Z" })]);
    expect(err.code).toBe("invalid_document");
    expect(err.issues).toEqual([
      {
        index: 1,
        id: "d2",
        field: "updated_at",
        message:
          "9999-12-31T23:59:59Z lies more than 24 hours after the time of receipt (2025-04-20T00:00:00Z): a revision cannot be dated in the future",
      },
    ]);
    expect(err.message).toMatch(
      /^item 1 \(id "d2"\), field "updated_at": 9999-12-31T23:59:59Z lies more than 24 hours/,
    );
    expect(rejection([item({ updated_at: "2025-04-21T00:00:00.001Z" })]).issues[0].field).toBe("updated_at");
  });

  it("the same holds for RSS: a pubDate or lastBuildDate far ahead is refused", () => {
    const decode = (xml: string) => () =>
      decodeDocument(xml, { contentType: "application/rss+xml", receivedAt: "2025-04-18T16:00:00Z" });
    expect(decode(examples.rss0418)()).toMatchObject({ generated_at: "2025-04-18T16:00:00Z" });
    const item = rejectionOf(
      decode(examples.rss0418.replace("Thu, 17 Apr 2025 21:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT")),
    );
    expect(item.issues).toEqual([
      expect.objectContaining({ index: 1, id: "us-ukraine-minerals-deal", field: "updated_at" }),
    ]);
    const doc = rejectionOf(
      decode(examples.rss0418.replace("Fri, 18 Apr 2025 16:00:00 GMT", "Sat, 19 Apr 2025 16:00:01 GMT")),
    );
    expect(doc.issues).toEqual([expect.objectContaining({ field: "generated_at" })]);
  });

  it("up to 24 hours ahead is accepted (clocks drift), whatever the offset it is written with", () => {
    expect(parse([item({ updated_at: "2025-04-21T00:00:00Z" })]).items[0].updated_at).toBe("2025-04-21T00:00:00Z");
    expect(parse([item({ updated_at: "2025-04-21T01:00:00+02:00" })]).items[0].updated_at).toBe("2025-04-20T23:00:00Z");
  });

  it("a generated_at more than 24 hours after receipt is refused too (items without updated_at take it)", () => {
    try {
      parseDocument({ version: "1", generated_at: "2030-01-01T00:00:00+01:00", items: [item({})] }, options);
      expect.unreachable();
    } catch (err) {
      expect((err as DocumentError).issues).toEqual([
        {
          field: "generated_at",
          message:
            "2029-12-31T23:00:00Z lies more than 24 hours after the time of receipt (2025-04-20T00:00:00Z): a revision cannot be dated in the future",
        },
      ]);
    }
    const doc = parseDocument({ version: "1", generated_at: "2025-04-20T12:00:00Z", items: [item({})] }, options);
    expect(doc.items[0].updated_at).toBe("2025-04-20T12:00:00Z");
  });
});

describe("item timezone", () => {
  const withZone = (timezone: string) => [
    { kind: "deadline", id: "d1", title: "T", due: "2025-05-01", status: "open", timezone },
  ];
  const stored = (timezone: string) => parse(withZone(timezone)).items[0].timezone;

  it("is stored in Intl's spelling when written in another case", () => {
    expect(stored("europe/paris")).toBe("Europe/Paris");
    expect(stored("EUROPE/PARIS")).toBe("Europe/Paris");
    expect(stored("america/port-au-prince")).toBe("America/Port-au-Prince");
    expect(stored("utc")).toBe("UTC");
    expect(stored("Europe/Paris")).toBe("Europe/Paris");
  });

  it("a zone written in another case is no change", () => {
    const [before] = parse(withZone("europe/paris")).items;
    const [after] = parse(withZone("Europe/Paris")).items;
    expect(diffItem(before, after)).toEqual([]);
  });

  it("keeps an alias as written rather than replacing it with another name", () => {
    expect(stored("Europe/Kiev")).toBe("Europe/Kiev");
    expect(stored("Europe/Kyiv")).toBe("Europe/Kyiv");
    expect(stored("Asia/Calcutta")).toBe("Asia/Calcutta");
    expect(stored("US/Eastern")).toBe("US/Eastern");
    expect(stored("GMT")).toBe("GMT");
  });

  it.each(["+01:00", "-0530", "+14", "-00:00"])("refuses the UTC offset %s, naming the field", (timezone) => {
    expect(rejection(withZone(timezone)).issues).toContainEqual({
      index: 0,
      id: "d1",
      field: "timezone",
      message:
        "expected an IANA time zone name such as Europe/London, not a UTC offset (write offsets in the date-times)",
    });
  });

  it.each(["Mars/Olympus_Mons", "Z", "UTC+1"])("refuses %s", (timezone) => {
    expect(rejection(withZone(timezone)).issues).toContainEqual({
      index: 0,
      id: "d1",
      field: "timezone",
      message: "expected an IANA time zone such as Europe/London",
    });
  });
});

describe("values quoted in messages", () => {
  it("are excerpts of at most 80 characters: version, mode and kind", () => {
    const long = "x".repeat(10_000);
    const messages = [
      rejectionOf(() => parseDocument({ version: long, items: [] }, options)).message,
      rejectionOf(() => parseDocument({ version: "1", mode: long, items: [] }, options)).message,
      rejection([{ kind: long, id: "a", title: "T", status: "open" }]).message,
    ];
    for (const message of messages) {
      expect(message).toContain(`"${"x".repeat(79)}…"`);
      expect(message.length).toBeLessThan(200);
    }
  });
});
