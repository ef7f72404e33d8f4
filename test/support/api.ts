/** Calls into the Worker under test (SELF), with and without the admin token. */
import { env, SELF } from "cloudflare:test";

export const BASE = "https://parley.test";

export function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, { headers });
}

export function admin(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${env.ADMIN_TOKEN}`);
  return SELF.fetch(`${BASE}${path}`, { ...init, headers });
}

export function ingest(source: string, body: BodyInit, contentType = "application/json") {
  return admin(`/api/sources/${source}/ingest`, { method: "POST", body, headers: { "content-type": contentType } });
}

/** A fresh source id, so tests never share state. */
export function uniqueSource(prefix = "src"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

export async function createSource(id: string, config: Record<string, unknown> = {}): Promise<Response> {
  const r = await admin(`/api/sources/${id}`, { method: "PUT", body: JSON.stringify(config) });
  if (r.status !== 201 && r.status !== 200) throw new Error(`PUT source ${id}: ${r.status} ${await r.text()}`);
  return r;
}

// biome-ignore lint/suspicious/noExplicitAny: test helper: responses are asserted field by field.
export async function json<T = any>(r: Response | Promise<Response>): Promise<T> {
  return (await (await r).json()) as T;
}

/** What readers see of a source: its items and its newest events (to check that nothing was written). */
export async function readModel(source: string) {
  return {
    items: await json(get(`/api/items?source=${source}`)),
    events: await json(get(`/api/events?source=${source}&limit=200`)),
  };
}

/** Every event of a source through the events API, newest first, page by page. */
// biome-ignore lint/suspicious/noExplicitAny: test helper: events are asserted field by field.
export async function allEvents(source: string): Promise<any[]> {
  const out = [];
  let after = "";
  for (;;) {
    const page = await json(get(`/api/events?source=${source}&limit=200${after ? `&after=${after}` : ""}`));
    out.push(...page.events);
    if (!page.next) return out;
    after = page.next;
  }
}
