/** Shared steps of the subscription tests: receivers on loopback and subscriptions pointing at them. */
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { admin, json } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import type { ReceivedRequest } from "../support/routes/receiver.ts";

/** A fresh receiver name, so tests never share recorded requests. */
export function receiverName(prefix = "rcv"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

export function receiverUrl(name: string, query = ""): string {
  return `${env.LOOPBACK_URL}/receiver/${name}${query}`;
}

export async function received(name: string): Promise<ReceivedRequest[]> {
  const r = await fetch(`${env.LOOPBACK_URL}/receiver/${name}`);
  return ((await r.json()) as { requests: ReceivedRequest[] }).requests;
}

/** Waits until the receiver has recorded at least `n` requests. */
export function receivedAtLeast(name: string, n: number, timeoutMs = 20_000): Promise<ReceivedRequest[]> {
  return eventually(async () => {
    const list = await received(name);
    expect(list.length).toBeGreaterThanOrEqual(n);
    return list;
  }, timeoutMs);
}

// biome-ignore lint/suspicious/noExplicitAny: test helper: responses are asserted field by field.
export async function subscribe(body: Record<string, unknown>): Promise<any> {
  const r = await admin("/api/subscriptions", { method: "POST", body: JSON.stringify(body) });
  if (r.status !== 201) throw new Error(`POST /api/subscriptions: ${r.status} ${await r.text()}`);
  return r.json();
}

// biome-ignore lint/suspicious/noExplicitAny: test helper.
export async function deliveries(id: string): Promise<any[]> {
  return (await json(admin(`/api/subscriptions/${id}/deliveries?limit=200`))).deliveries;
}

export async function ping(id: string): Promise<string> {
  const r = await admin(`/api/subscriptions/${id}/test`, { method: "POST" });
  if (r.status !== 202) throw new Error(`POST test: ${r.status} ${await r.text()}`);
  return (await r.json<{ event_id: string }>()).event_id;
}

export function remove(id: string): Promise<Response> {
  return admin(`/api/subscriptions/${id}`, { method: "DELETE" });
}
