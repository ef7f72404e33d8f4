/**
 * Loopback route `POST /feed-validator`: reads the posted feed with two real
 * readers and answers `{ feedparser, rssParser }` as JSON.
 * - feedparser: Debian's python3-feedparser, run as /usr/bin/python3 (the
 *   `python3` on PATH lacks the module); {bozo, bozo_exception, version, feed,
 *   entries:[{id,title,link,published,updated,summary,content,tags,author,
 *   source_title}]}, with
 *   `published_iso` / `updated_iso` from feedparser's parsed dates.
 * - rssParser: the `rss-parser` package's parseString result (RSS and Atom;
 *   null for a JSON body), or `{ error }` if it rejects the feed.
 */
import { spawn } from "node:child_process";
import Parser from "rss-parser";
import type { RouteHandler } from "../global-setup.ts";

const FEEDPARSER_SCRIPT = `
import calendar, json, sys, time, feedparser

def iso(parsed):
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))

d = feedparser.parse(sys.stdin.buffer.read())
exc = d.get("bozo_exception")
out = {
    "bozo": int(bool(d.get("bozo"))),
    "bozo_exception": None if exc is None else repr(exc),
    "version": d.get("version"),
    "feed": {
        "title": d.feed.get("title"),
        "link": d.feed.get("link"),
        "id": d.feed.get("id"),
        "updated_iso": iso(d.feed.get("updated_parsed")),
        "links": [dict(l) for l in d.feed.get("links", [])],
        "language": d.feed.get("language"),
        "icon": d.feed.get("icon") or (d.feed.get("image") or {}).get("href"),
    },
    "entries": [
        {
            "id": e.get("id"),
            "title": e.get("title"),
            "link": e.get("link"),
            "published": e.get("published"),
            "updated": e.get("updated"),
            "published_iso": iso(e.get("published_parsed")),
            "updated_iso": iso(e.get("updated_parsed")),
            "summary": e.get("summary"),
            "content": [c.get("value") for c in e.get("content", [])],
            "tags": [{"term": t.get("term"), "scheme": t.get("scheme")} for t in e.get("tags", [])],
            "author": e.get("author"),
            "source_title": (e.get("source") or {}).get("title"),
        }
        for e in d.entries
    ],
}
json.dump(out, sys.stdout)
`;

function runFeedparser(body: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/python3", ["-c", FEEDPARSER_SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`feedparser exited ${code}: ${Buffer.concat(err).toString()}`));
      else resolve(JSON.parse(Buffer.concat(out).toString("utf8")));
    });
    child.stdin.end(body);
  });
}

async function runRssParser(text: string): Promise<unknown> {
  if (text.trimStart().startsWith("{")) return null;
  try {
    return await new Parser().parseString(text);
  } catch (e) {
    return { error: String(e) };
  }
}

export const feedValidator: RouteHandler = async (req, res, body) => {
  if (req.method !== "POST") {
    res.writeHead(405, { "content-type": "text/plain" }).end("POST the feed");
    return;
  }
  const [feedparser, rssParser] = await Promise.all([runFeedparser(body), runRssParser(body.toString("utf8"))]);
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ feedparser, rssParser }));
};
