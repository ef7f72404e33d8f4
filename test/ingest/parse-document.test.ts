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
