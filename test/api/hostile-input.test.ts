/**
 * Issue 10 (hostile-input campaign), end to end: error texts quote short
 * excerpts, and what a source's status stores stays bounded, pushed or polled.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../workers/app.ts";
import { admin, BASE, createSource, get, ingest, json, uniqueSource } from "../support/api.ts";

const HUGE = "x".repeat(4 * 1024 * 1024);

async function serve(key: string, body: string, type = "application/json") {
  await fetch(`${env.LOOPBACK_URL}/docs/${key}?type=${encodeURIComponent(type)}`, { method: "PUT", body });
}

describe("error texts quote excerpts; stored errors are bounded (#8)", () => {
  it("a 4 MiB version is answered with a short message, and stored as one", async () => {
    const source = uniqueSource("huge-version");
    await createSource(source);
    const r = await ingest(source, JSON.stringify({ version: HUGE, items: [] }));
    expect(r.status).toBe(400);
    const text = await r.text();
    expect(text.length).toBeLessThan(1000);
    const err = JSON.parse(text).error;
    expect(err.code).toBe("unsupported_version");
    expect(err.message).toMatch(/^unsupported version "x{79}…" \(4194304 characters\)/);
    const status = (await json(get(`/api/sources/${source}`))).status;
    expect(status.last_error.message).toBe(err.message);
  });

  it("a 4 MiB item id is quoted as an excerpt in the message, the issues and last_error", async () => {
    const source = uniqueSource("huge-id");
    await createSource(source);
    const doc = { version: "1", items: [{ kind: "meeting", id: HUGE, title: "T", status: "proposed" }] };
    const r = await ingest(source, JSON.stringify(doc));
    expect(r.status).toBe(400);
    const text = await r.text();
    expect(text.length).toBeLessThan(2000);
    expect(JSON.parse(text).error.issues[0]).toMatchObject({ index: 0, field: "id" });
    const listed = await (await get("/api/sources")).text();
    expect(listed).not.toContain("x".repeat(200));
  });

  it("a polled document whose error would quote 4 MiB fails its poll cleanly, every time", async () => {
    const key = uniqueSource("huge-doc");
    await serve(key, JSON.stringify({ version: "1", items: [{ kind: HUGE, id: "a", title: "T" }] }));
    const source = uniqueSource("huge-poll");
    await createSource(source, { url: `${env.LOOPBACK_URL}/docs/${key}` });
    for (let poll = 0; poll < 2; poll++) {
      const r = await admin(`/api/sources/${source}/poll`, { method: "POST" });
      expect(r.status, `poll ${poll}`).toBe(200);
      const { outcome } = await json(r);
      expect(outcome.result).toBe("rejected");
      expect(outcome.error.length).toBeLessThanOrEqual(1000);
      expect(outcome.error).toMatch(/field "kind": expected deadline or meeting, got "x{79}…" \(4194304 characters\)/);
    }
    const view = await json(get(`/api/sources/${source}`));
    expect(view.status.last_error.message.length).toBeLessThanOrEqual(1000);
    expect(view.poll.consecutive_failures).toBe(2);
  });

  it("an unknown field with a huge name in a source or subscription body is named by an excerpt", async () => {
    const source = uniqueSource("huge-key");
    const put = await admin(`/api/sources/${source}`, { method: "PUT", body: JSON.stringify({ [HUGE]: 1 }) });
    expect(put.status).toBe(400);
    const putText = await put.text();
    expect(putText.length).toBeLessThan(1000);
    expect(JSON.parse(putText).error.message).toMatch(/unknown field: "x{79}…" \(4194304 characters\)/);
    const sub = await admin("/api/subscriptions", {
      method: "POST",
      body: JSON.stringify({ url: "https://example.com/hook", [HUGE]: 1 }),
      headers: { "content-type": "application/json" },
    });
    expect(sub.status).toBe(400);
    expect((await sub.text()).length).toBeLessThan(1000);
  });
});

describe("what a rejection names (#11)", () => {
  it("a source title with a control character is refused like an item title, and nothing changes", async () => {
    const source = uniqueSource("bel-title");
    await createSource(source, { title: "Talks" });
    const r = await admin(`/api/sources/${source}`, { method: "PUT", body: JSON.stringify({ title: "Talks\u0007" }) });
    expect(r.status).toBe(400);
    const err = (await json(r)).error;
    expect(err.issues).toEqual([
      { field: "title", message: expect.stringMatching(/^contains U\+0007 at position 5: /) },
    ]);
    expect((await json(get(`/api/sources/${source}`))).config.title).toBe("Talks");
  });

  it("a version of 1e400 is reported as written; a forbidden key in an item names the item's id", async () => {
    const source = uniqueSource("json-names");
    await createSource(source);
    const version = await ingest(source, '{"version": 1e400, "items": []}');
    expect(version.status).toBe(400);
    expect((await json(version)).error.message).toBe(
      'unsupported version 1e400 (a number out of range): parley reads version "1"',
    );
    const item = '{"kind": "meeting", "id": "rome-talks", "title": "T", "status": "proposed", "constructor": 1}';
    const key = await ingest(source, `{"version": "1", "items": [${item}]}`);
    expect(key.status).toBe(400);
    expect((await json(key)).error.issues).toEqual([
      expect.objectContaining({ index: 0, id: "rome-talks", field: "constructor" }),
    ]);
  });

  it("a pushed body that is not valid in its encoding says which encoding was used, and why", async () => {
    const source = uniqueSource("charset-note");
    await createSource(source);
    const latin1 = Uint8Array.from(
      '{"version": "1", "items": [{"kind": "meeting", "id": "café", "title": "T", "status": "proposed"}]}',
      (c) => c.charCodeAt(0),
    );
    const r = await ingest(source, latin1, "application/json; charset=utf-8");
    expect(r.status).toBe(400);
    const err = (await json(r)).error;
    expect(err.message).toMatch(
      /\(the body was read as utf-8, as its Content-Type charset says, but it is not valid utf-8: its invalid bytes became U\+FFFD\)$/,
    );
    expect((await json(get(`/api/sources/${source}`))).status.last_error.message).toBe(err.message);
  });
});

/**
 * The test Worker runs with ALLOW_PRIVATE_SOURCES=true (polling tests use a
 * loopback server), so these cases call the real Hono app in-process with the
 * same bindings except ALLOW_PRIVATE_SOURCES=false: the production setting.
 */
describe("polled source URLs are checked like webhook targets (#12)", () => {
  const production = { ...env, ALLOW_PRIVATE_SOURCES: "false" } as Env;
  const put = (id: string, body: unknown) =>
    app.fetch(
      new Request(`${BASE}/api/sources/${id}`, {
        method: "PUT",
        body: JSON.stringify(body),
        headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, "content-type": "application/json" },
      }),
      production,
    );

  it("a loopback URL is refused with a 400 naming the field and the reason; nothing is created", async () => {
    const id = uniqueSource("ssrf");
    for (const [url, reason] of [
      [`${env.LOOPBACK_URL}/docs/x`, /uses http:\/\/; sources are polled over https:\/\/ only/],
      ["https://127.0.0.1/feed", /^url refused: https:\/\/127\.0\.0\.1 resolves to a loopback address/],
      ["https://[::1]:8443/feed", /loopback address \(::1\/128\)/],
      ["https://169.254.169.254/latest/meta-data", /cloud metadata address/],
      ["https://localhost/feed", /loopback host \(localhost\)/],
    ] as const) {
      const r = await put(id, { title: "Talks", url });
      expect(r.status, url).toBe(400);
      const err = (await r.json()) as { error: { code: string; message: string; issues: unknown[] } };
      expect(err.error.code).toBe("unsafe_url");
      expect(err.error.message, url).toMatch(reason);
      expect(err.error.issues).toEqual([
        { field: "url", message: expect.stringMatching(/ALLOW_PRIVATE_SOURCES=true/) },
      ]);
    }
    expect((await get(`/api/sources/${id}`)).status).toBe(404);
  });

  it("an existing source keeps its URL when a private one is refused; a public one is accepted", async () => {
    const id = uniqueSource("ssrf-keep");
    expect((await put(id, { url: "https://93.184.215.14/feed.json" })).status).toBe(201);
    expect((await put(id, { url: "https://10.0.0.1/feed.json", title: "New" })).status).toBe(400);
    const { config } = await json(get(`/api/sources/${id}`));
    expect(config).toMatchObject({ url: "https://93.184.215.14/feed.json" });
    expect(config.title).toBeUndefined();
    // Fields other than url need no check; null clears the url.
    expect((await put(id, { title: "Talks" })).status).toBe(200);
    expect((await put(id, { url: null })).status).toBe(200);
  });
});
