/**
 * A scripted update-feed server for polling tests (prefix `docs`), one
 * document per `key`:
 *   PUT  /docs/<key>?type=<content-type>   sets the body served (status 200)
 *   PUT  /docs/<key>?status=500            makes it fail with that status (body ignored)
 *   PUT  /docs/<key>?lm=<HTTP-date>        serves Last-Modified <date> and no ETag instead,
 *                                          answering 304 when If-Modified-Since ≥ it
 *   GET  /docs/<key>                       serves it with a strong ETag of the body and
 *                                          answers 304 when If-None-Match matches
 *   GET  /docs/<key>/stats                 { hits, full, notModified, userAgents, validators }
 *                                          (validators: what each request sent)
 */
import { createHash } from "node:crypto";
import type { RouteHandler } from "../global-setup.ts";

interface Doc {
  body: Buffer;
  type: string;
  status: number;
  lastModified?: string;
  hits: number;
  full: number;
  notModified: number;
  userAgents: string[];
  validators: { ifNoneMatch?: string; ifModifiedSince?: string }[];
}

const docs = new Map<string, Doc>();

export const docsRoute: RouteHandler = (req, res, body, url) => {
  const [, , key, sub] = url.pathname.split("/");
  if (req.method === "PUT") {
    const prev = docs.get(key);
    const status = Number(url.searchParams.get("status") ?? 200);
    docs.set(key, {
      body: status === 200 ? body : (prev?.body ?? Buffer.alloc(0)),
      type: url.searchParams.get("type") ?? prev?.type ?? "application/json",
      status,
      ...(url.searchParams.get("lm") && { lastModified: url.searchParams.get("lm") as string }),
      hits: prev?.hits ?? 0,
      full: prev?.full ?? 0,
      notModified: prev?.notModified ?? 0,
      userAgents: prev?.userAgents ?? [],
      validators: prev?.validators ?? [],
    });
    res.writeHead(204).end();
    return;
  }
  const doc = docs.get(key);
  if (!doc) {
    res.writeHead(404).end("no such document");
    return;
  }
  if (sub === "stats") {
    const { hits, full, notModified, userAgents, validators } = doc;
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ hits, full, notModified, userAgents, validators }));
    return;
  }
  doc.hits++;
  doc.userAgents.push(String(req.headers["user-agent"] ?? ""));
  const ifNoneMatch = req.headers["if-none-match"];
  const ifModifiedSince = req.headers["if-modified-since"];
  doc.validators.push({
    ...(ifNoneMatch !== undefined && { ifNoneMatch }),
    ...(ifModifiedSince !== undefined && { ifModifiedSince }),
  });
  if (doc.status !== 200) {
    res.writeHead(doc.status, { "content-type": "text/plain" }).end("scripted failure");
    return;
  }
  if (doc.lastModified !== undefined) {
    if (ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(doc.lastModified)) {
      doc.notModified++;
      res.writeHead(304, { "last-modified": doc.lastModified }).end();
      return;
    }
    doc.full++;
    res.writeHead(200, { "content-type": doc.type, "last-modified": doc.lastModified }).end(doc.body);
    return;
  }
  const etag = `"${createHash("sha256").update(doc.body).digest("hex").slice(0, 16)}"`;
  if (req.headers["if-none-match"] === etag) {
    doc.notModified++;
    res.writeHead(304, { etag }).end();
    return;
  }
  doc.full++;
  res.writeHead(200, { "content-type": doc.type, etag }).end(doc.body);
};
