import { beforeAll, describe, expect, it } from "vitest";
import { createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";

const source = uniqueSource("rejects");
const base = JSON.parse(examples.json0423);

/** The 23 April example with one item replaced (by index) or edited. */
function withItem(index: number, edit: (item: Record<string, unknown>) => Record<string, unknown>): string {
  const doc = structuredClone(base);
  doc.items[index] = edit(doc.items[index]);
  return JSON.stringify(doc);
}

async function state() {
  return {
    items: await json(get(`/api/items?source=${source}`)),
    events: (await json(get(`/api/events?source=${source}`))).events.length,
  };
}

async function expectRejected(
  body: string | ReadableStream,
  contentType: string,
  status: number,
  match: { code: string; message: RegExp; issue?: Record<string, unknown> },
) {
  const before = await state();
  const r = await ingest(source, body, contentType);
  const err = (await json(r)).error;
  expect(r.status, JSON.stringify(err)).toBe(status);
  expect(err.code).toBe(match.code);
  expect(err.message).toMatch(match.message);
  if (match.issue) expect(err.issues).toContainEqual(expect.objectContaining(match.issue));
  expect(await state()).toEqual(before);
  const status_ = (await json(get(`/api/sources/${source}`))).status;
  // The status keeps a bounded copy of the message (every GET of the source returns it).
  const chars = [...err.message];
  expect(status_.last_error.message).toBe(chars.length <= 1000 ? err.message : `${chars.slice(0, 999).join("")}…`);
}

beforeAll(async () => {
  await createSource(source);
  await ingest(source, examples.json0418);
});

describe("a rejected document changes nothing and says what is wrong", () => {
  it("malformed JSON", async () => {
    await expectRejected('{"version": "1", "items": [', "application/json", 400, {
      code: "malformed",
      message: /JSON/,
    });
  });

  it("malformed XML, with line and column", async () => {
    await expectRejected(examples.rss0418.replace("</channel>", "</chanel>"), "application/rss+xml", 400, {
      code: "malformed",
      message: /line \d+/,
    });
  });

  it("a DTD with an entity bomb is refused before any parsing", async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0" xmlns:pu="urn:parley:update:1"><channel><title>&lol3;</title><pu:version>1</pu:version></channel></rss>`;
    await expectRejected(bomb, "application/xml", 400, { code: "forbidden_markup", message: /DTD/ });
  });

  it("an external entity is refused", async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>`;
    await expectRejected(xxe, "application/rss+xml", 400, { code: "forbidden_markup", message: /DTD/ });
  });

  it("an HTML page is not a feed (not a DTD), naming the root it found", async () => {
    const page = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Talks</title></head><body></body></html>`;
    await expectRejected(page, "application/xml", 400, {
      code: "invalid_document",
      message: /^not a feed: the root element is <html>/,
    });
  });

  it("an Atom snapshot whose entries are RSS items removes nothing", async () => {
    const items = examples.rss0418.slice(
      examples.rss0418.indexOf("<item>"),
      examples.rss0418.lastIndexOf("</item>") + 7,
    );
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:pu="urn:parley:update:1"><pu:version>1</pu:version><pu:mode>snapshot</pu:mode>${items}</feed>`;
    await expectRejected(atom, "application/atom+xml", 400, {
      code: "invalid_document",
      message: /^no items read, but the <feed> holds 6 elements that look like items/,
      issue: { field: "items" },
    });
  });

  it("wrong version", async () => {
    await expectRejected(JSON.stringify({ ...base, version: "2" }), "application/json", 400, {
      code: "unsupported_version",
      message: /version "1"/,
    });
  });

  it("a 6 MB body is refused with 413, declared or streamed", async () => {
    const big = `{"version":"1","items":[],"pad":"${"x".repeat(6 * 1024 * 1024)}"}`;
    await expectRejected(big, "application/json", 413, { code: "too_large", message: /5242880 bytes/ });
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 6 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    await expectRejected(stream, "application/json", 413, { code: "too_large", message: /bytes/ });
  });

  it("an unknown status names item, id and field", async () => {
    await expectRejected(
      withItem(5, (i) => ({ ...i, status: "adjourned" })),
      "application/json",
      400,
      {
        code: "invalid_document",
        message: /item 5 \(id "london-talks-2025-04-23"\), field "status"/,
        issue: { index: 5, id: "london-talks-2025-04-23", field: "status" },
      },
    );
  });

  it("a date without offset", async () => {
    await expectRejected(
      withItem(2, (i) => ({ ...i, due: "2025-07-09T00:01:00" })),
      "application/json",
      400,
      {
        code: "invalid_document",
        message: /field "due".*offset/,
        issue: { index: 2, field: "due" },
      },
    );
  });

  it("a bad id", async () => {
    await expectRejected(
      withItem(1, (i) => ({ ...i, id: "minerals deal/2025" })),
      "application/json",
      400,
      {
        code: "invalid_document",
        message: /item 1.*field "id"/,
        issue: { index: 1, field: "id" },
      },
    );
  });

  it("__proto__ keys", async () => {
    const doc = examples.json0423.replace(
      '"kind": "deadline",',
      '"__proto__": {"polluted": true}, "kind": "deadline",',
    );
    expect(doc).toContain("__proto__");
    await expectRejected(doc, "application/json", 400, {
      code: "invalid_document",
      message: /items\[0\]\.__proto__/,
      issue: { index: 0, field: "__proto__" },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("__proto__ and constructor keys spelled with \\u escapes", async () => {
    for (const key of ["\\u005f_proto__", "constru\\u0063tor"]) {
      const doc = examples.json0423.replace('"kind": "deadline",', `"${key}": {"polluted": true}, "kind": "deadline",`);
      expect(doc).not.toMatch(/__proto__|"constructor"/);
      const decodedKey = JSON.parse(`"${key}"`) as string;
      await expectRejected(doc, "application/json", 400, {
        code: "invalid_document",
        message: new RegExp(`items\\[0\\]\\.${decodedKey}`),
        issue: { index: 0, field: decodedKey },
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a forbidden key deep inside 50,000 levels of nesting (the key walk cannot overflow the stack)", async () => {
    const depth = 50_000;
    const deep = `${"[".repeat(depth)}{"\\u005f_proto__": 1}${"]".repeat(depth)}`;
    const doc = examples.json0423.replace('"kind": "deadline",', `"extra": ${deep}, "kind": "deadline",`);
    await expectRejected(doc, "application/json", 400, {
      code: "invalid_document",
      message: /forbidden key in items\[0\]\.extra\[0\]\[0\]/,
      issue: { index: 0 },
    });
  });

  it("duplicate ids in one snapshot", async () => {
    const doc = structuredClone(base);
    doc.items.push({ ...doc.items[0], title: "again" });
    await expectRejected(JSON.stringify(doc), "application/json", 400, {
      code: "invalid_document",
      message: /duplicate deadline id/,
      issue: { index: 6, id: "us-decision-on-peace-effort", field: "id" },
    });
  });

  it("an item missing required fields", async () => {
    await expectRejected(
      withItem(3, ({ title: _t, status: _s, ...rest }) => rest),
      "application/json",
      400,
      { code: "invalid_document", message: /item 3/, issue: { index: 3, field: "title" } },
    );
  });

  it("an unknown character encoding is 415, naming it", async () => {
    await expectRejected(examples.json0423, "application/json; charset=x-klingon", 415, {
      code: "unsupported_charset",
      message: /unsupported character encoding "x-klingon" \(from the Content-Type charset\)/,
    });
  });

  it("an unknown content type is 415", async () => {
    await expectRejected(examples.json0423, "text/csv", 415, {
      code: "unsupported_media_type",
      message: /application\/json/,
    });
  });

  it("an updated_at far in the future (issue 10, #6): refused naming item, id and field", async () => {
    await expectRejected(
      withItem(5, (i) => ({ ...i, updated_at: "9999-12-31T23:59:59Z" })),
      "application/json",
      400,
      {
        code: "invalid_document",
        message:
          /^item 5 \(id "london-talks-2025-04-23"\), field "updated_at": 9999-12-31T23:59:59Z lies more than 24 hours after the time of receipt/,
        issue: { index: 5, id: "london-talks-2025-04-23", field: "updated_at" },
      },
    );
    const tomorrowAndMore = new Date(Date.now() + 25 * 3_600_000).toISOString();
    await expectRejected(JSON.stringify({ ...base, generated_at: tomorrowAndMore }), "application/json", 400, {
      code: "invalid_document",
      message: /^field "generated_at": .* lies more than 24 hours after the time of receipt/,
      issue: { field: "generated_at" },
    });
  });

  it("after all that, the next good document is applied normally", async () => {
    const r = await json(ingest(source, examples.json0423));
    expect(r.events.map((e: { type: string }) => e.type)).toEqual(["meeting.downgraded"]);
  });
});
