import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ACCEPT, type FetchOutcome, fetchSource } from "../../src/poll/fetch-source.ts";

const UA = "parley/0.1.0";
/** The body of an outcome as UTF-8 text (fetchSource hands over bytes). */
const text = (o: { body: Uint8Array }) => new TextDecoder().decode(o.body);
let counter = 0;
const key = (name: string) => `${name}-${Date.now()}-${++counter}`;
const at = (path: string, k: string, extra = "") => `${env.LOOPBACK_URL}/sources/${path}?key=${k}${extra}`;

interface Stats {
  hits: number;
  full: number;
  notModified: number;
  written: number;
  closed: boolean;
  headers: Record<string, string>[];
}

async function stats(k: string): Promise<Stats> {
  return (await (await fetch(`${env.LOOPBACK_URL}/sources/stats?key=${k}`)).json()) as Stats;
}

/** Polls the route's record until `done` holds (the server side runs asynchronously). */
async function statsWhen(k: string, done: (s: Stats) => boolean): Promise<Stats> {
  for (let i = 0; i < 100; i++) {
    const s = await stats(k);
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  return stats(k);
}

function expectError(o: FetchOutcome): Extract<FetchOutcome, { kind: "error" }> {
  if (o.kind !== "error") throw new Error(`expected an error, got ${JSON.stringify(o)}`);
  return o;
}

function expectOk(o: FetchOutcome): Extract<FetchOutcome, { kind: "ok" }> {
  if (o.kind !== "ok") throw new Error(`expected ok, got ${JSON.stringify(o)}`);
  return o;
}

// These fetches reach the loopback test server: allowPrivate, as ALLOW_PRIVATE_SOURCES=true does.
describe("fetchSource", () => {
  it("200 then 304: the validators of the first response make the second conditional", async () => {
    const k = key("etag");
    const first = expectOk(await fetchSource(at("etag", k), { userAgent: UA, allowPrivate: true }));
    expect(first.status).toBe(200);
    expect(first.etag).toBe('"v1"');
    expect(first.lastModified).toBe("Tue, 22 Apr 2025 10:00:00 GMT");
    expect(JSON.parse(text(first))).toEqual({ version: "1", items: [] });
    expect(first.bytes).toBe(first.body.length);
    expect(first.contentType).toBe("application/json");

    const second = await fetchSource(at("etag", k), {
      userAgent: UA,
      allowPrivate: true,
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(second).toMatchObject({ kind: "not_modified", status: 304 });
    expect(second).not.toHaveProperty("body");
    const s = await stats(k);
    expect([s.full, s.notModified]).toEqual([1, 1]);
    expect(s.headers[0]["if-none-match"]).toBeUndefined();
    expect(s.headers[1]["if-none-match"]).toBe('"v1"');
    expect(s.headers[1]["if-modified-since"]).toBe("Tue, 22 Apr 2025 10:00:00 GMT");
  });

  it("If-Modified-Since alone also yields not_modified", async () => {
    const k = key("lastmod");
    const o = await fetchSource(at("etag", k), {
      userAgent: UA,
      allowPrivate: true,
      lastModified: "Tue, 22 Apr 2025 10:00:00 GMT",
    });
    expect(o.kind).toBe("not_modified");
  });

  it("sends the User-Agent and an Accept listing the update, JSON, Atom and RSS types", async () => {
    const o = expectOk(await fetchSource(at("echo", key("echo")), { userAgent: UA, allowPrivate: true }));
    const headers = JSON.parse(text(o)) as Record<string, string>;
    expect(headers["user-agent"]).toBe(UA);
    expect(headers.accept).toBe(ACCEPT);
    for (const t of [
      "application/vnd.parley.update+json",
      "application/json",
      "application/atom+xml",
      "application/rss+xml",
    ]) {
      expect(headers.accept).toContain(t);
    }
    expect(headers["if-none-match"]).toBeUndefined();
  });

  it("a source that never answers times out with a clear message", async () => {
    const k = key("hang");
    const o = expectError(await fetchSource(at("hang", k), { userAgent: UA, allowPrivate: true, timeoutMs: 300 }));
    expect(o.error).toBe("timed out after 300 ms");
    expect(o.status).toBeUndefined();
    expect(o.durationMs).toBeGreaterThanOrEqual(300);
    expect((await stats(k)).hits).toBe(1);
  });

  it("the timeout also covers a body that stalls after the headers", async () => {
    const o = expectError(
      await fetchSource(at("slow-body", key("slow")), { userAgent: UA, allowPrivate: true, timeoutMs: 300 }),
    );
    expect(o.error).toBe("timed out after 300 ms");
    expect(o.status).toBe(200);
  });

  it("an endless body is cut at the limit and the stream is cancelled", async () => {
    const k = key("endless");
    const o = expectError(
      await fetchSource(at("endless", k), { userAgent: UA, allowPrivate: true, maxBytes: 100_000 }),
    );
    expect(o.error).toBe("body exceeds 100000 bytes");
    expect(o.status).toBe(200);
    expect(o.bytes).toBeGreaterThan(100_000);
    expect(o.bytes).toBeLessThan(100_000 + 256 * 1024);
    // The server sees the connection go away: the body was not drained.
    const s = await statsWhen(k, (x) => x.closed);
    expect(s.closed).toBe(true);
    expect(s.written).toBeLessThan(64 * 1024 * 1024);
  });

  it("a body of exactly the limit is accepted; one byte more is not", async () => {
    const ok = expectOk(
      await fetchSource(at("sized", key("sized"), "&n=5000"), { userAgent: UA, allowPrivate: true, maxBytes: 5000 }),
    );
    expect(ok.bytes).toBe(5000);
    const over = expectError(
      await fetchSource(at("sized", key("sized"), "&n=5001"), { userAgent: UA, allowPrivate: true, maxBytes: 5000 }),
    );
    expect(over.error).toBe("body exceeds 5000 bytes");
  });

  it("a declared Content-Length over the limit is refused before reading", async () => {
    const o = expectError(
      await fetchSource(at("big", key("big"), "&n=20000"), { userAgent: UA, allowPrivate: true, maxBytes: 1000 }),
    );
    expect(o.error).toBe("body exceeds 1000 bytes (Content-Length: 20000)");
    expect(o.bytes).toBe(0);
  });

  it("a redirect loop stops after the allowed number of redirects", async () => {
    const k = key("loop");
    const o = expectError(await fetchSource(at("loop", k), { userAgent: UA, allowPrivate: true }));
    expect(o.error).toBe("too many redirects (more than 3)");
    expect(o.status).toBe(302);
    expect((await stats(k)).hits).toBe(4);
  });

  it("follows relative redirects up to the limit, with the same headers", async () => {
    const k = key("chain");
    const o = expectOk(await fetchSource(at("chain", k, "&n=3"), { userAgent: UA, allowPrivate: true, etag: '"x"' }));
    expect(text(o)).toBe("arrived");
    expect(o.finalUrl).toBe(`${env.LOOPBACK_URL}/sources/chain?n=0&key=${k}`);
    const s = await stats(k);
    expect(s.hits).toBe(4);
    expect(s.headers.every((h) => h["user-agent"] === UA && h["if-none-match"] === '"x"')).toBe(true);
    const two = expectOk(await fetchSource(at("chain", key("chain"), "&n=2"), { userAgent: UA, allowPrivate: true }));
    expect(two.status).toBe(200);
    const four = expectError(
      await fetchSource(at("chain", key("chain"), "&n=4"), { userAgent: UA, allowPrivate: true }),
    );
    expect(four.error).toBe("too many redirects (more than 3)");
    const none = expectError(
      await fetchSource(at("chain", key("chain"), "&n=1"), { userAgent: UA, allowPrivate: true, maxRedirects: 0 }),
    );
    expect(none.error).toBe("too many redirects (more than 0)");
  });

  it("refuses a redirect to a scheme other than http/https, and such a starting URL", async () => {
    const o = expectError(await fetchSource(at("scheme", key("scheme")), { userAgent: UA, allowPrivate: true }));
    expect(o.error).toBe("unsupported URL scheme ftp: (only http and https)");
    const bad = expectError(await fetchSource("file:///etc/passwd", { userAgent: UA, allowPrivate: true }));
    expect(bad.error).toBe("unsupported URL scheme file: (only http and https)");
    const junk = expectError(await fetchSource("not a url", { userAgent: UA, allowPrivate: true }));
    expect(junk.error).toBe('invalid URL "not a url"');
  });

  it("a 500 is an error carrying the status", async () => {
    const o = expectError(await fetchSource(at("fail", key("fail")), { userAgent: UA, allowPrivate: true }));
    expect(o.status).toBe(500);
    expect(o.error).toBe("HTTP 500 Internal Server Error");
  });

  it("a feed served as text/plain is returned as is, with its content type, for format detection", async () => {
    const o = expectOk(await fetchSource(at("plain-atom", key("plain")), { userAgent: UA, allowPrivate: true }));
    expect(o.contentType).toBe("text/plain; charset=utf-8");
    expect(text(o).startsWith('<?xml version="1.0"')).toBe(true);
    expect(text(o)).toContain("US–Ukraine");
    expect(o.bytes).toBe(o.body.byteLength);
  });

  // workerd itself logs "Connection refused … Network connection lost" for this request; the outcome is still handled.
  it("a connection failure is an error, not a throw", async () => {
    const o = expectError(
      await fetchSource("http://127.0.0.1:1/", { userAgent: UA, allowPrivate: true, timeoutMs: 2000 }),
    );
    expect(o.error).toMatch(/^request failed: /);
  });

  it("uses an injected fetch and hands over the bytes undecoded", async () => {
    const calls: Request[] = [];
    const fake: typeof fetch = async (input, init) => {
      calls.push(new Request(input, init));
      return new Response(new Uint8Array([0x7b, 0xff, 0x7d]), { status: 200, headers: { etag: 'W/"1"' } });
    };
    const o = expectOk(
      await fetchSource("https://example.com/feed", { userAgent: UA, allowPrivate: true, fetch: fake }),
    );
    expect([...o.body]).toEqual([0x7b, 0xff, 0x7d]);
    expect(o.etag).toBe('W/"1"');
    expect(o.contentType).toBeNull();
    expect(calls).toHaveLength(1);
    expect(calls[0].redirect).toBe("manual");
  });
});

describe("fetchSource: the address guard, as with ALLOW_PRIVATE_SOURCES=false (issue 10, #12)", () => {
  const resolve = async (host: string) =>
    ({ "feeds.example.org": ["93.184.215.14"], "internal.example.org": ["10.0.0.7"] })[host] ?? [];

  it("refuses a loopback source before any request is made", async () => {
    const k = key("guarded");
    const http = expectError(await fetchSource(at("etag", k), { userAgent: UA }));
    expect(http.error).toMatch(
      /^URL refused: http:\/\/127\.0\.0\.1:\d+ uses http:\/\/; sources are polled over https:\/\/ only/,
    );
    const calls: string[] = [];
    const fake: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response("{}");
    };
    const https = expectError(await fetchSource("https://127.0.0.1:8443/feed", { userAgent: UA, fetch: fake }));
    expect(https.error).toBe(
      "URL refused: https://127.0.0.1:8443 resolves to a loopback address (127.0.0.0/8); set ALLOW_PRIVATE_SOURCES=true only for local development",
    );
    expect(calls).toEqual([]);
    expect((await stats(k)).hits).toBe(0);
  });

  it("checks every redirect hop, host names resolved, before following it", async () => {
    const calls: string[] = [];
    const redirectTo =
      (location: string): typeof fetch =>
      async (input) => {
        calls.push(String(input));
        return new Response(null, { status: 302, headers: { location } });
      };
    for (const [location, refusal] of [
      [
        "https://internal.example.org/x",
        "https://internal.example.org resolves to 10.0.0.7, a private address (10.0.0.0/8)",
      ],
      ["http://127.0.0.1/x", "http://127.0.0.1 uses http://"],
      ["https://[::ffff:169.254.169.254]/", "https://[::ffff:a9fe:a9fe] resolves to the cloud metadata address"],
    ]) {
      calls.length = 0;
      const o = expectError(
        await fetchSource("https://feeds.example.org/feed", { userAgent: UA, fetch: redirectTo(location), resolve }),
      );
      expect(o.error.startsWith(`redirect 1 refused: ${refusal}`), o.error).toBe(true);
      expect(o.status).toBe(302);
      expect(calls).toEqual(["https://feeds.example.org/feed"]);
    }
  });

  it("a public https source is fetched as before", async () => {
    const fake: typeof fetch = async () => new Response('{"version":"1","items":[]}', { status: 200 });
    const o = expectOk(await fetchSource("https://feeds.example.org/feed", { userAgent: UA, fetch: fake, resolve }));
    expect(o.finalUrl).toBe("https://feeds.example.org/feed");
  });
});
