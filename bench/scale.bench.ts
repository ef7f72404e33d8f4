/**
 * Cost must not grow with history: through the real Worker under Miniflare
 * (wrangler's unstable_startWorker, SQLite-backed Durable Objects), a rare
 * item's feed, its 304, a rare tag's changes feed and a one-change ingest of a
 * 1,000-item source are timed with ~1,000 events in the log, then again after
 * the log and the items' histories have grown ten-fold. Prints the median of
 * each at both sizes and the ratio (goal: at most 1.5× slower).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unstable_startWorker } from "wrangler";

const TOKEN = "bench-admin-token";
const BIG_ITEMS = 1000;
const RUNS = 30;
const WARMUP = 5;
const RARE_TAG = "bench-rare-tag";
const GOAL = 1.5;

type Call = (method: string, path: string, body?: string, headers?: Record<string, string>) => Promise<Response>;

interface BigItem {
  rev: number;
  status: "open" | "met";
  updatedAt: number;
}

/** Timestamps that only ever rise, so no revision is ever stale. */
let clock = Date.parse("2025-01-01T00:00:00Z");
const tick = () => {
  clock += 1000;
  return clock;
};

function bigDocument(items: BigItem[]): string {
  return JSON.stringify({
    version: "1",
    mode: "snapshot",
    items: items.map((it, i) => ({
      kind: "deadline",
      id: `big-${i}`,
      title: `Bulk deadline ${i} (revision ${it.rev})`,
      summary: `One of ${BIG_ITEMS} deadlines of the scale bench.`,
      due: "2030-01-01",
      status: it.status,
      tags: ["bulk", `group-${i % 20}`],
      parties: ["A", "B"],
      updated_at: new Date(it.updatedAt).toISOString(),
    })),
  });
}

function rareDocument(rev: number): string {
  return JSON.stringify({
    version: "1",
    mode: "snapshot",
    items: [
      {
        kind: "deadline",
        id: "rare-1",
        title: `Rare deadline (revision ${rev})`,
        due_text: "within days",
        status: "open",
        tags: [RARE_TAG],
        updated_at: new Date(tick()).toISOString(),
      },
    ],
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Times the tasks round-robin (one run of each per round), so a slow stretch of a shared host
 * falls on all of them alike; the first `warmup` rounds are not counted. Medians, by task.
 */
async function timedRounds<K extends string>(tasks: Record<K, () => Promise<void>>, rounds: number, warmup: number) {
  const keys = Object.keys(tasks) as K[];
  const ms = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < warmup + rounds; i++) {
    for (const k of keys) {
      const t = performance.now();
      await tasks[k]();
      if (i >= warmup) ms[k].push(performance.now() - t);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, median(ms[k])])) as Record<K, number>;
}

export default async function () {
  process.env.WRANGLER_LOG ??= "warn";
  process.env.WRANGLER_SEND_METRICS ??= "false";
  const persist = mkdtempSync(join(tmpdir(), "parley-scale-"));
  const worker = await unstable_startWorker({
    config: "wrangler.toml",
    bindings: {
      ADMIN_TOKEN: { type: "plain_text", value: TOKEN },
      SCHEDULE_SOURCES: { type: "plain_text", value: "false" },
    },
    triggers: [],
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, persist, watch: false },
  });
  try {
    await worker.ready;
    const base = String(await worker.url).replace(/\/$/, "");
    const call: Call = (method, path, body, headers = {}) =>
      fetch(`${base}${path}`, {
        method,
        body,
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
      });
    const json = async (method: string, path: string, body?: string) => {
      const r = await call(method, path, body);
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 500)}`);
      return text ? JSON.parse(text) : null;
    };
    /** Waits until the source's outbox is published to the catalog. */
    const drained = async (id: string) => {
      const deadline = Date.now() + 300_000;
      for (;;) {
        const view = await json("GET", `/api/sources/${id}`);
        if (view.outbox === 0) return;
        if (Date.now() > deadline) throw new Error(`source ${id}: outbox still ${view.outbox}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    let events = 0;
    const push = async (id: string, doc: string) => {
      const r = await json("POST", `/api/sources/${id}/ingest`, doc);
      events += r.events.length;
      return r;
    };

    const t0 = performance.now();
    await json("PUT", "/api/sources/big", "{}");
    await json("PUT", "/api/sources/rare", "{}");
    const big: BigItem[] = Array.from({ length: BIG_ITEMS }, () => ({ rev: 0, status: "open", updatedAt: tick() }));
    await push("big", bigDocument(big)); // silent baseline
    let rareRev = 0;
    await push("rare", rareDocument(rareRev)); // silent baseline
    /** Changes every item of `big` once: 1,000 events in one push. */
    const growAll = async () => {
      const at = tick();
      for (const it of big) {
        it.rev++;
        it.updatedAt = at;
      }
      await push("big", bigDocument(big));
      await drained("big");
    };
    const rareChange = async () => {
      await push("rare", rareDocument(++rareRev));
      await drained("rare");
    };
    for (let i = 0; i < 3; i++) await rareChange();
    await growAll();
    const setup1 = (performance.now() - t0) / 1000;

    let toggle = 0;
    const measure = async () => {
      const item = await call("GET", "/feeds/items/rare/deadline/rare-1.rss");
      const etag = item.headers.get("etag");
      await item.text();
      if (item.status !== 200 || !etag) throw new Error(`item feed: ${item.status}`);
      const get =
        (path: string, headers: Record<string, string> = {}, want = 200) =>
        async () => {
          const r = await call("GET", path, undefined, headers);
          await r.arrayBuffer();
          if (r.status !== want) throw new Error(`GET ${path}: ${r.status}, expected ${want}`);
        };
      const result = await timedRounds(
        {
          itemFeed: get("/feeds/items/rare/deadline/rare-1.rss"),
          notModified: get("/feeds/items/rare/deadline/rare-1.rss", { "if-none-match": etag }, 304),
          tagFeed: get(`/feeds/changes.rss?tag=${RARE_TAG}`),
          ingest: async () => {
            const it = big[toggle++ % 7]; // a few items, each alternating open / met
            it.status = it.status === "open" ? "met" : "open";
            it.updatedAt = tick();
            const r = await push("big", bigDocument(big));
            if (r.events.length !== 1) throw new Error(`one-change ingest gave ${r.events.length} events`);
          },
        },
        RUNS,
        WARMUP,
      );
      await drained("big");
      return result;
    };

    // A first pass warms up workerd and Node (JIT, connections); only the second counts.
    await measure();
    const small = await measure();
    const eventsSmall = events;
    const t1 = performance.now();
    // Ten-fold: nine more rounds changing every item of `big` (each item's history ten times longer),
    // and a few more events for the rare item.
    for (let i = 0; i < 9; i++) await growAll();
    for (let i = 0; i < 3; i++) await rareChange();
    const growS = (performance.now() - t1) / 1000;
    const large = await measure();
    const eventsLarge = events;

    const rows: [string, keyof typeof small][] = [
      ["rare item feed GET /feeds/items/rare/deadline/rare-1.rss (200)", "itemFeed"],
      ["rare item feed, If-None-Match (304)", "notModified"],
      [`changes feed GET /feeds/changes.rss?tag=${RARE_TAG} (200)`, "tagFeed"],
      [`one-change ingest of ${BIG_ITEMS.toLocaleString("en-US")} items (JSON push)`, "ingest"],
    ];
    const fmt = (n: number) => n.toLocaleString("en-US");
    const lines = [
      `scale: cost at ~${fmt(eventsSmall)} events vs ~${fmt(eventsLarge)} events (Miniflare, median of ${RUNS} runs each, round-robin)`,
    ];
    let worst = 0;
    for (const [name, key] of rows) {
      const ratio = large[key] / small[key];
      worst = Math.max(worst, ratio);
      lines.push(
        `  ${name}: ${small[key].toFixed(2)} ms → ${large[key].toFixed(2)} ms: ${ratio.toFixed(2)}x${ratio > GOAL ? "  (above goal)" : ""}`,
      );
    }
    lines.push(
      `  setup ${setup1.toFixed(1)} s, growth to ${fmt(eventsLarge)} events ${growS.toFixed(1)} s; worst ratio ${worst.toFixed(2)}x`,
      `  goal: each at most ${GOAL}x slower after ten-fold growth`,
    );
    console.log(lines.join("\n"));
  } finally {
    await worker.dispose();
    rmSync(persist, { recursive: true, force: true });
  }
}
