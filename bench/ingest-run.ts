/**
 * The whole CPU work of one ingest request for a 1,000-item document, in the
 * steady state (the source already holds the same 1,000 items, one of which
 * changed): decode, validate, diff every item, build the event. Goal: under
 * 10 ms of CPU, the Workers free plan's budget per request. (The Durable
 * Object storage and KV writes are I/O, not CPU, and are left out.) The same
 * for the RSS encoding of the same items, whose goal is at most twice the
 * CPU of the JSON ingest: the two are timed in alternating rounds, and the
 * median of the rounds' ratios printed.
 *
 * Run by ingest.bench.ts twice: in its own process as Node runs zod, and in a
 * child process with zod's `jitless` setting, as in Workers (workerd forbids
 * `new Function`, so zod cannot compile its object fast path there).
 */
import { decodeDocument } from "../src/ingest/decode-document.ts";
import { applyDocument } from "../src/track/apply-document.ts";
import type { TrackedItem } from "../src/track/tracked-item.ts";
import { compare, cpuMsPerCall } from "./compare.ts";
import { makeItems, toJsonDocument, toRssDocument } from "./fixtures.ts";

const receivedAt = "2025-06-02T00:00:00Z";
const items = makeItems(1000);
const changed = items.map((item, i) => (i === 500 ? { ...item, title: `${item.title} (revised)` } : item));

function stateOf(text: string, contentType: string): Map<string, TrackedItem> {
  const doc = decodeDocument(text, { contentType, receivedAt });
  return new Map(doc.items.map((item) => [`${item.kind}/${item.id}`, { item, revision: 0 }]));
}

async function ingest(text: string, contentType: string, state: Map<string, TrackedItem>) {
  const document = decodeDocument(text, { contentType, receivedAt });
  const r = await applyDocument({ source: "bench", state, document, receivedAt, silent: false });
  if (r.events.length !== 1) throw new Error(`expected one event, got ${r.events.length}`);
}

/** The JSON and RSS ingest comparisons; `mode` names the zod setting in the titles. */
export async function runIngestBenches(mode: string): Promise<void> {
  const json = toJsonDocument(changed, "snapshot");
  const jsonState = stateOf(toJsonDocument(items, "snapshot"), "application/json");
  await compare({
    title: `ingest, JSON, 1,000 items (one changed): decode + validate + diff + event [${mode}]`,
    ours: { name: "parley ingest (JSON)", fn: () => ingest(json, "application/json", jsonState) },
    goal: "< 10 ms of CPU per op",
    cpuCalls: 200,
  });
  const rss = toRssDocument(changed, "snapshot");
  const rssState = stateOf(toRssDocument(items, "snapshot"), "application/rss+xml");
  await compare({
    title: `ingest, RSS, 1,000 items (one changed): decode + validate + diff + event [${mode}]`,
    ours: { name: "parley ingest (RSS)", fn: () => ingest(rss, "application/rss+xml", rssState) },
    goal: "≤ 2× the CPU of the JSON ingest",
    cpuCalls: 40,
  });
  const ratios: number[] = [];
  for (let round = 0; round < 5; round++) {
    const jsonMs = await cpuMsPerCall(() => ingest(json, "application/json", jsonState), 40);
    const rssMs = await cpuMsPerCall(() => ingest(rss, "application/rss+xml", rssState), 40);
    ratios.push(rssMs / jsonMs);
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(
    `ingest CPU, RSS / JSON [${mode}]: ${sorted[2].toFixed(2)}x (median of 5 rounds of 40 calls each, alternating: ${ratios.map((r) => r.toFixed(2)).join(", ")})\n  goal: ≤ 2×`,
  );
}
