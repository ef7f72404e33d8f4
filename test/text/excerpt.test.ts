import { describe, expect, it } from "vitest";
import { DocumentError } from "../../src/ingest/errors.ts";
import { parseDocument } from "../../src/ingest/parse-document.ts";
import { describeValue, EXCERPT_LENGTH, excerpt, truncate } from "../../src/text/excerpt.ts";

const HUGE = "x".repeat(4 * 1024 * 1024);
const options = { receivedAt: "2025-04-20T00:00:00Z", defaultMode: "snapshot" as const };

function rejection(raw: unknown): DocumentError {
  try {
    parseDocument(raw, options);
  } catch (err) {
    if (err instanceof DocumentError) return err;
    throw err;
  }
  throw new Error("expected the document to be rejected");
}

/** Everything a client is sent about a rejected document. */
const sent = (err: DocumentError) => JSON.stringify({ message: err.message, issues: err.issues });

describe("excerpts in error messages (issue 10, #8)", () => {
  it("quote at most EXCERPT_LENGTH characters, saying when and how much was cut", () => {
    expect(excerpt("short")).toBe('"short"');
    expect(excerpt('a "quoted"\nline')).toBe('"a \\"quoted\\"\\nline"');
    const cut = excerpt(HUGE);
    expect(cut).toBe(`"${"x".repeat(EXCERPT_LENGTH - 1)}…" (4194304 characters)`);
    expect(excerpt("ab🎉cd", 4)).toBe('"ab…" (6 characters)');
    expect(truncate("abcdef", 4)).toBe("abc…");
  });

  it("describe any JSON value, including numbers JSON.parse made infinite", () => {
    expect(describeValue("2")).toBe('"2"');
    expect(describeValue(2)).toBe("2");
    expect(describeValue(JSON.parse("1e400"))).toBe("a number out of range");
    expect(describeValue(null)).toBe("null");
    expect(describeValue(true)).toBe("true");
    expect(describeValue([1])).toBe("a list");
    expect(describeValue({ a: HUGE })).toBe("an object");
  });

  it("a 4 MiB version, mode, kind or id is quoted as an excerpt", () => {
    const version = rejection({ version: HUGE, items: [] });
    expect(version.code).toBe("unsupported_version");
    expect(version.message).toMatch(/^unsupported version "x{79}…" \(4194304 characters\): parley reads version "1"$/);
    expect(sent(version).length).toBeLessThan(1000);

    const doc = rejection({
      version: "1",
      mode: HUGE,
      items: [
        { kind: HUGE, id: HUGE },
        { kind: "deadline", id: `${HUGE}\u0007`, title: "T", status: "open", due: "2025-05-01" },
      ],
    });
    expect(sent(doc).length).toBeLessThan(2000);
    expect(doc.issues.map((i) => i.field)).toEqual(["mode", "kind", "id", "id"]);
    for (const issue of doc.issues) {
      if (issue.id !== undefined) expect(issue.id.length).toBeLessThanOrEqual(EXCERPT_LENGTH);
    }
  });

  it("a DocumentError never carries a message, issue or field longer than its bound", () => {
    const err = new DocumentError("malformed", `bad: ${HUGE}`, [{ index: 1, id: HUGE, field: HUGE, message: HUGE }]);
    expect(err.message.length).toBeLessThanOrEqual(1000);
    expect(err.message.endsWith("…")).toBe(true);
    expect(sent(err).length).toBeLessThan(2000);
  });
});
