/**
 * A WebSub hub for the publish-ping tests (prefix `hub`). Every POST to
 * /hub/<name> is recorded (content type, the form's `hub.mode`, `hub.url`
 * and `hub.topic` values, the status answered); GET /hub/<name> returns the
 * records. `?fail=N` answers 503 to the first N pings, then 204.
 */
import type { RouteHandler } from "../global-setup.ts";

export interface HubRequest {
  at: number;
  contentType: string;
  mode: string | null;
  urls: string[];
  topics: string[];
  answered: number;
}

const received = new Map<string, HubRequest[]>();

export const hub: RouteHandler = (req, res, body, url) => {
  const name = decodeURIComponent(url.pathname.split("/")[2] ?? "");
  const list = received.get(name) ?? [];
  received.set(name, list);
  if (req.method === "GET") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ requests: list }));
    return;
  }
  const form = new URLSearchParams(body.toString("utf8"));
  const fail = Number(url.searchParams.get("fail") ?? 0);
  const answered = list.length < fail ? 503 : 204;
  list.push({
    at: Date.now(),
    contentType: String(req.headers["content-type"] ?? ""),
    mode: form.get("hub.mode"),
    urls: form.getAll("hub.url"),
    topics: form.getAll("hub.topic"),
    answered,
  });
  res.writeHead(answered).end();
};
