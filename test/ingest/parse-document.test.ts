import { describe, expect, it } from "vitest";
import { DocumentError } from "../../src/ingest/errors.ts";
import { parseDocument } from "../../src/ingest/parse-document.ts";

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
  ])("refuses %s, naming the field", (url) => {
    expect(rejection(withUrl(url)).issues).toContainEqual({
      index: 0,
      id: "d1",
      field: "url",
      message: "expected an absolute http(s) URL",
    });
  });
});
