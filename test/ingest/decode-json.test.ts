import { describe, expect, it } from "vitest";
import { decodeDocument } from "../../src/ingest/decode-document.ts";
import { rejection } from "../support/rejection.ts";

const decode = (text: string) => () =>
  decodeDocument(text, { contentType: "application/json", receivedAt: "2025-04-20T00:00:00Z" });

describe("JSON documents: what a rejection reports (issue 10, #11)", () => {
  it("a version JSON.parse can only make infinite is reported as written, not as null", () => {
    const err = rejection(decode('{"version": 1e400, "items": []}'));
    expect(err.code).toBe("unsupported_version");
    expect(err.message).toBe('unsupported version 1e400 (a number out of range): parley reads version "1"');
    expect(err.issues).toEqual([{ field: "version", message: 'expected "1", got 1e400 (a number out of range)' }]);
    const long = rejection(decode(`{"items": [], "version": -${"9".repeat(5000)}}`));
    expect(long.message).toMatch(/^unsupported version -9{78}… \(5001 characters\) \(a number out of range\)/);
    // A nested "version" key does not count; a finite number is reported as the number it is.
    expect(rejection(decode('{"version": 2, "items": [{"version": 1e400}]}')).message).toBe(
      'unsupported version 2: parley reads version "1"',
    );
  });

  it("a forbidden key inside an item names the item's index and id", () => {
    const item = '{"kind": "meeting", "id": "rome-talks", "title": "T", "status": "proposed"';
    const err = rejection(decode(`{"version": "1", "items": [${item}}, ${item}, "location": {"__proto__": {}}}]}`));
    expect(err.code).toBe("invalid_document");
    expect(err.issues).toEqual([
      {
        index: 1,
        id: "rome-talks",
        field: "location.__proto__",
        message: "forbidden key (__proto__, constructor and prototype are not allowed)",
      },
    ]);
    expect(err.message).toBe(
      'forbidden key in items[1].location.__proto__ (item 1, id "rome-talks"): __proto__, constructor and prototype are not allowed as keys',
    );
    // Outside an item, or in an item without a usable id, there is no id to name.
    expect(rejection(decode('{"version": "1", "items": [], "constructor": 1}')).issues).toEqual([
      { field: "constructor", message: "forbidden key (__proto__, constructor and prototype are not allowed)" },
    ]);
    expect(rejection(decode('{"version": "1", "items": [{"id": 7, "prototype": 1}]}')).issues[0]).toEqual({
      index: 0,
      field: "prototype",
      message: "forbidden key (__proto__, constructor and prototype are not allowed)",
    });
  });
});
