/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import json from "../../examples/talks-2025-04-18.json?raw";
import rss from "../../examples/talks-2025-04-18.rss.xml?raw";
import { decodeBody, mediaTypeKind } from "../../src/ingest/decode-body.ts";
import { DocumentError } from "../../src/ingest/errors.ts";
import { parseDocument } from "../../src/ingest/parse-document.ts";
import atom from "../fixtures/talks-2025-04-18.atom.xml?raw";
import { rejection } from "../support/rejection.ts";

describe("mediaTypeKind", () => {
  it.each([
    ["application/json", "json"],
    ["application/vnd.parley.update+json", "json"],
    ["Application/JSON; charset=utf-8", "json"],
    ["application/ld+json", "json"],
    ["application/xml", "xml"],
    ["text/xml; charset=UTF-8", "xml"],
    ["application/rss+xml", "xml"],
    ["application/atom+xml", "xml"],
    ["image/svg+xml", "xml"],
    ["text/plain", null],
    ["text/html", null],
    ["+json", null],
    ["", null],
    [null, null],
  ] as const)("%s → %s", (type, kind) => {
    expect(mediaTypeKind(type)).toBe(kind);
  });
});

describe("decodeBody", () => {
  const receivedAt = "2025-04-19T00:00:00Z";

  it("decodes JSON by media type, defaulting to snapshot mode", () => {
    const r = decodeBody(json, "application/vnd.parley.update+json");
    expect(r.encoding).toBe("json");
    expect(r.defaultMode).toBe("snapshot");
    expect((r.raw as { items: unknown[] }).items).toHaveLength(6);
  });

  it("decodes RSS and Atom by media type, defaulting to updates mode", () => {
    for (const [text, type] of [
      [rss, "application/rss+xml"],
      [atom, "application/atom+xml; charset=utf-8"],
      [rss, "text/xml"],
    ]) {
      const r = decodeBody(text, type);
      expect(r.encoding).toBe("xml");
      expect(r.defaultMode).toBe("updates");
    }
  });

  it("gives the same document from either encoding", () => {
    const a = decodeBody(json, "application/json");
    const b = decodeBody(rss, "application/rss+xml");
    expect(parseDocument(b.raw, { receivedAt, defaultMode: b.defaultMode })).toStrictEqual(
      parseDocument(a.raw, { receivedAt, defaultMode: a.defaultMode }),
    );
  });

  it("uses the media type over sniffing: XML served as JSON is malformed JSON", () => {
    const err = (() => {
      try {
        decodeBody(rss, "application/json");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as DocumentError).code).toBe("malformed");
  });

  it("sniffs an unknown or missing media type by the first non-blank character", () => {
    expect(decodeBody(`\n  ${json}`, "text/plain").encoding).toBe("json");
    expect(decodeBody(`\uFEFF${rss}`, "text/plain").encoding).toBe("xml");
    expect(decodeBody(`\uFEFF${json}`, null).encoding).toBe("json");
    expect(decodeBody(atom, "application/octet-stream").defaultMode).toBe("updates");
  });

  it("uses the configured format when the media type is unknown", () => {
    expect(() => decodeBody(rss, "text/plain", "json")).toThrow(DocumentError);
    expect(decodeBody(rss, "text/plain", "rss").encoding).toBe("xml");
    expect(decodeBody(atom, null, "atom").encoding).toBe("xml");
    expect(decodeBody(json, "text/plain", "json").encoding).toBe("json");
  });

  it("rejects a body it cannot classify", () => {
    try {
      decodeBody("version: 1", "text/plain");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DocumentError);
      expect((e as DocumentError).code).toBe("unsupported_media_type");
      expect((e as DocumentError).message).toContain("text/plain");
    }
  });
});

describe("decodeBody: JSON with deep unknown fields", () => {
  it("an unknown field nested 100,000 levels deep, with a \\u escape elsewhere, is ignored, not a crash", () => {
    const depth = 100_000;
    const text = `{"version": "1", "x": ${"[".repeat(depth)}${"]".repeat(depth)}, "title": "\\u0041", "items": []}`;
    const doc = parseDocument(decodeBody(text, "application/json").raw, {
      receivedAt: "2025-04-19T00:00:00Z",
      defaultMode: "snapshot",
    });
    expect(doc.items).toEqual([]);
    expect(doc.title).toBe("A");
  });
});

describe("decodeBody: characters text may not hold", () => {
  const receivedAt = "2025-04-19T00:00:00Z";
  const parseJson = (text: string) => {
    const body = decodeBody(text, "application/json");
    return parseDocument(body.raw, { receivedAt, defaultMode: "snapshot", charactersChecked: body.charactersChecked });
  };
  const doc = (title: string) =>
    `{"version":"1","items":[{"kind":"deadline","id":"d1","title":"${title}","due":"2025-05-01","status":"open"}]}`;

  it("JSON: escaped or literal, they are refused naming the field; emoji and plain text pass", () => {
    for (const title of ["a\\u0001b", "a\uFFFEb", "a\\ud800b"]) {
      expect(rejection(() => parseJson(doc(title))).issues[0]).toMatchObject({ index: 0, id: "d1", field: "title" });
    }
    expect(parseJson(doc("Talks 🕊 in Élysée")).items[0].title).toBe("Talks 🕊 in Élysée");
    expect(decodeBody(doc("plain"), "application/json").charactersChecked).toBe(true);
    expect(decodeBody(doc("🕊"), "application/json").charactersChecked).toBe(false);
  });

  it("XML: a literal control character is not well-formed, with its line and column", () => {
    const xml = rss.replace("<title>US decision", "<title>US\u0001 decision");
    const err = rejection(() => decodeBody(xml, "application/rss+xml"));
    expect(err.code).toBe("malformed");
    expect(err.message).toMatch(/^not well-formed XML: U\+0001 at line \d+ column \d+ is not a character XML allows/);
  });
});

describe("decodeBody: long values in messages are quoted as excerpts", () => {
  it("a long content type, and a long key on the way to a forbidden one", () => {
    const type = `text/${"x".repeat(10_000)}`;
    expect(rejection(() => decodeBody("version: 1", type)).message.length).toBeLessThan(300);
    const key = "k".repeat(10_000);
    const err = rejection(() => decodeBody(`{"version":"1","items":[],"${key}":{"__proto__":1}}`, "application/json"));
    // The path keeps both ends of a long key, with an ellipsis between them.
    expect(err.message).toMatch(
      /^forbidden key in k+…k+\.__proto__: __proto__, constructor and prototype are not allowed as keys$/,
    );
    expect(err.message.length).toBeLessThan(200);
  });
});
