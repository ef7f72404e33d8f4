/**
 * A scripted update-feed server for polling tests (prefix `docs`), one
 * document per `key`:
 *   PUT  /docs/<key>?type=<content-type>   sets the body served (status 200)
 *   PUT  /docs/<key>?status=500            makes it fail with that status (body ignored)
 *   GET  /docs/<key>                       serves it with a strong ETag of the body and
 *                                          answers 304 when If-None-Match matches
 *   GET  /docs/<key>/stats                 { hits, full, notModified, userAgents }
 */
import { createHash } from "node:crypto";
import type { RouteHandler } from "../global-setup.ts";

interface Doc {
  body: Buffer;
  type: string;
  status: number;
  hits: number;
  full: number;
  notModified: number;
  userAgents: string[];
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
      hits: prev?.hits ?? 0,
      full: prev?.full ?? 0,
      notModified: prev?.notModified ?? 0,
      userAgents: prev?.userAgents ?? [],
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
    const { hits, full, notModified, userAgents } = doc;
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ hits, full, notModified, userAgents }));
    return;
  }
  doc.hits++;
  doc.userAgents.push(String(req.headers["user-agent"] ?? ""));
  if (doc.status !== 200) {
    res.writeHead(doc.status, { "content-type": "text/plain" }).end("scripted failure");
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
