/**
 * Scripted sources for polling tests (prefix `sources`). State is kept per
 * `key` query parameter so that tests never see each other's requests;
 * `/sources/stats?key=K` returns what the routes recorded for K.
 *
 * /sources/etag        200 with ETag + Last-Modified, 304 when the request carries either validator
 * /sources/hang        accepts the request and never answers
 * /sources/slow-body   sends headers and one chunk, then stalls
 * /sources/endless     streams chunks until the client goes away (records bytes written, closed)
 * /sources/sized?n=N   N bytes, chunked, no Content-Length
 * /sources/big?n=N     declares Content-Length N and sends N bytes
 * /sources/loop        redirects to itself
 * /sources/chain?n=N   N redirects (relative Location) then 200 "arrived"
 * /sources/scheme      redirects to ftp://
 * /sources/fail        500
 * /sources/plain-atom  an Atom feed served as text/plain
 * /sources/echo        the request headers as JSON
 */
import type { ServerResponse } from "node:http";
import type { RouteHandler } from "../global-setup.ts";

interface KeyState {
  hits: number;
  full: number;
  notModified: number;
  written: number;
  closed: boolean;
  headers: Record<string, string | string[] | undefined>[];
}

const state = new Map<string, KeyState>();

function stateOf(key: string): KeyState {
  let s = state.get(key);
  if (!s) {
    s = { hits: 0, full: 0, notModified: 0, written: 0, closed: false, headers: [] };
    state.set(key, s);
  }
  return s;
}

const ETAG = '"v1"';
const LAST_MODIFIED = "Tue, 22 Apr 2025 10:00:00 GMT";
const CHUNK = Buffer.alloc(16 * 1024, "x");

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:pu="urn:parley:update:1">
  <title>Ukraine talks</title>
  <id>urn:example:talks</id>
  <updated>2025-04-18T16:00:00Z</updated>
  <entry>
    <id>urn:example:talks:minerals</id>
    <title>Signing of the US–Ukraine critical minerals agreement</title>
    <updated>2025-04-18T16:00:00Z</updated>
  </entry>
</feed>
`;

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
}

/** Writes until the client disconnects, honouring backpressure. */
function stream(res: ServerResponse, s: KeyState, stopAfter = Number.POSITIVE_INFINITY): void {
  res.on("close", () => {
    s.closed = true;
  });
  const pump = () => {
    while (!res.destroyed && s.written < stopAfter) {
      s.written += CHUNK.length;
      if (!res.write(CHUNK)) {
        res.once("drain", pump);
        return;
      }
    }
  };
  pump();
}

/** Holds the connection open, then drops it so nothing outlives the test run. */
function holdOpen(res: ServerResponse, s: KeyState): void {
  res.on("close", () => {
    s.closed = true;
  });
  setTimeout(() => res.destroy(), 20_000).unref();
}

export const sources: RouteHandler = (req, res, _body, url) => {
  const key = url.searchParams.get("key") ?? "";
  const s = stateOf(key);
  const name = url.pathname.split("/")[2] ?? "";
  if (name !== "stats") {
    s.hits++;
    s.headers.push(req.headers);
  }
  switch (name) {
    case "stats":
      return json(res, 200, s);
    case "etag": {
      const inm = req.headers["if-none-match"];
      const ims = req.headers["if-modified-since"];
      if (inm === ETAG || (inm === undefined && ims === LAST_MODIFIED)) {
        s.notModified++;
        res.writeHead(304, { etag: ETAG, "last-modified": LAST_MODIFIED }).end();
        return;
      }
      s.full++;
      res
        .writeHead(200, { "content-type": "application/json", etag: ETAG, "last-modified": LAST_MODIFIED })
        .end(JSON.stringify({ version: "1", items: [] }));
      return;
    }
    case "hang":
      holdOpen(res, s);
      return;
    case "slow-body":
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"version":"1",');
      holdOpen(res, s);
      return;
    case "endless":
      res.writeHead(200, { "content-type": "application/json" });
      stream(res, s);
      return;
    case "sized": {
      const n = Number(url.searchParams.get("n"));
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(Buffer.alloc(n, "y"));
      return;
    }
    case "big": {
      const n = Number(url.searchParams.get("n"));
      res.writeHead(200, { "content-type": "text/plain", "content-length": String(n) });
      res.end(Buffer.alloc(n, "z"));
      return;
    }
    case "loop":
      res.writeHead(302, { location: `loop?key=${encodeURIComponent(key)}` }).end();
      return;
    case "chain": {
      const n = Number(url.searchParams.get("n") ?? 0);
      if (n > 0) {
        const status = [301, 302, 303, 307, 308][n % 5];
        res.writeHead(status, { location: `chain?n=${n - 1}&key=${encodeURIComponent(key)}` }).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("arrived");
      return;
    }
    case "scheme":
      res.writeHead(302, { location: "ftp://127.0.0.1/feed.xml" }).end();
      return;
    case "fail":
      res.writeHead(500, { "content-type": "text/plain" }).end("boom");
      return;
    case "plain-atom":
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(ATOM);
      return;
    case "echo":
      return json(res, 200, req.headers);
    default:
      res.writeHead(404, { "content-type": "text/plain" }).end(`no source route ${name}`);
  }
};
