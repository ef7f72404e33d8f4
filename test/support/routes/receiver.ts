/**
 * Webhook receivers for the subscription tests (prefix `receiver`). Every
 * POST to /receiver/<name> is recorded (headers, raw body, the status
 * answered) under <name>; GET /receiver/<name> returns the records, so a
 * test can verify signatures exactly as an independent receiver would.
 * The behaviour is scripted by the query string of the subscribed URL:
 *
 *   (none)                       200
 *   ?fail=N                      500 for the first N requests, then 200
 *   ?hang=N                      never answers the first N requests (drops them after 20 s), then 200
 *   ?status=S[&retry_after=V]    always S, with Retry-After: V when given
 *   ?down_ms=N                   503 for every request within N ms of the first one (a receiver down for a while)
 */
import type { ServerResponse } from "node:http";
import type { RouteHandler } from "../global-setup.ts";

export interface ReceivedRequest {
  at: number;
  headers: Record<string, string>;
  body: string;
  /** Status answered, or 0 when the request was left hanging. */
  answered: number;
}

const received = new Map<string, ReceivedRequest[]>();

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
}

export const receiver: RouteHandler = (req, res, body, url) => {
  const name = decodeURIComponent(url.pathname.split("/")[2] ?? "");
  if (!name) return json(res, 404, { error: "no receiver name" });
  const list = received.get(name) ?? [];
  received.set(name, list);
  if (req.method === "GET") return json(res, 200, { requests: list });

  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  const n = list.length; // requests before this one
  const record: ReceivedRequest = { at: Date.now(), headers, body: body.toString("utf8"), answered: 200 };
  list.push(record);

  const q = url.searchParams;
  const hang = Number(q.get("hang") ?? 0);
  const fail = Number(q.get("fail") ?? 0);
  const status = q.get("status");
  const downMs = Number(q.get("down_ms") ?? 0);
  if (downMs > 0 && record.at - list[0].at < downMs) {
    record.answered = 503;
    res.writeHead(503, { "content-type": "text/plain" }).end("down for a while");
    return;
  }
  if (n < hang) {
    record.answered = 0;
    setTimeout(() => res.destroy(), 20_000).unref();
    return;
  }
  if (status) {
    record.answered = Number(status);
    const h: Record<string, string> = { "content-type": "text/plain" };
    const retryAfter = q.get("retry_after");
    if (retryAfter) h["retry-after"] = retryAfter;
    res.writeHead(Number(status), h).end("scripted failure");
    return;
  }
  if (n < fail) {
    record.answered = 500;
    res.writeHead(500, { "content-type": "text/plain" }).end("scripted failure");
    return;
  }
  res.writeHead(200, { "content-type": "text/plain" }).end("ok");
};
