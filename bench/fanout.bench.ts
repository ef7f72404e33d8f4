/**
 * Webhook fan-out end to end: one detected change × 1,000 subscriptions,
 * through the real Worker under Miniflare (wrangler's unstable_startWorker:
 * KV, Durable Objects, the deliveries queue and its consumer), delivered to a
 * receiver on loopback. Reports deliveries/s from the ingest that detects the
 * change to the 1,000th signed request received, and the planning + signing
 * cost alone in Node (no network) beside it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unstable_startWorker } from "wrangler";
import { chunkMessages, planDeliveries } from "../src/webhooks/fan-out-plan.ts";
import { buildPayload } from "../src/webhooks/payload.ts";
import { generateSecret } from "../src/webhooks/secret.ts";
import { signWebhook } from "../src/webhooks/sign.ts";
import { compare } from "./compare.ts";
import { makeEvents } from "./event-fixtures.ts";

const SUBSCRIPTIONS = 1000;
const TOKEN = "bench-admin-token";

async function endToEnd(): Promise<void> {
  let count = 0;
  const ids = new Set<string>();
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      ids.add(String(req.headers["webhook-id"]));
      res.writeHead(204).end();
      if (++count === SUBSCRIPTIONS) done();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  process.env.WRANGLER_LOG ??= "warn"; // not one line per queue batch
  process.env.WRANGLER_SEND_METRICS ??= "false";
  const persist = mkdtempSync(join(tmpdir(), "parley-fanout-"));
  const worker = await unstable_startWorker({
    config: "wrangler.toml",
    bindings: {
      ADMIN_TOKEN: { type: "plain_text", value: TOKEN },
      ALLOW_PRIVATE_WEBHOOKS: { type: "plain_text", value: "true" },
    },
    triggers: [],
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, persist, watch: false },
  });
  try {
    await worker.ready;
    const base = String(await worker.url).replace(/\/$/, "");
    const call = async (method: string, path: string, body?: string) => {
      const r = await fetch(`${base}${path}`, {
        method,
        body,
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const t0 = performance.now();
    for (let i = 0; i < SUBSCRIPTIONS; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, SUBSCRIPTIONS - i) }, () =>
          call("POST", "/api/subscriptions", JSON.stringify({ url: hook, types: ["meeting.*"] })),
        ),
      );
    }
    const setupS = (performance.now() - t0) / 1000;
    await call("PUT", "/api/sources/bench", "{}");
    await call("POST", "/api/sources/bench/ingest", readFileSync("examples/talks-2025-04-18.json", "utf8"));
    const start = performance.now();
    const r = await call("POST", "/api/sources/bench/ingest", readFileSync("examples/talks-2025-04-23.json", "utf8"));
    const timeout = setTimeout(done, 120_000);
    await all;
    clearTimeout(timeout);
    const seconds = (performance.now() - start) / 1000;
    console.log(
      [
        `fan-out: 1 event × ${SUBSCRIPTIONS} subscriptions through the deliveries queue (Miniflare, loopback receiver)`,
        `  ${count} deliveries in ${seconds.toFixed(2)} s: ${Math.round(count / seconds).toLocaleString("en-US")} deliveries/s`,
        `  webhook-ids seen: ${[...ids].join(", ")} (event ${r.events[0]?.id}); setup of ${SUBSCRIPTIONS} subscriptions: ${setupS.toFixed(1)} s`,
      ].join("\n"),
    );
  } finally {
    await worker.dispose();
    receiver.closeAllConnections();
    receiver.close();
    rmSync(persist, { recursive: true, force: true });
  }
}

async function planAndSign(): Promise<void> {
  const [event] = makeEvents(1);
  const subs = Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
    id: `sub_${i}`,
    enabled: true,
    filters: { types: ["meeting.*"], tags: ["ceasefire"] },
    secret: generateSecret(),
  }));
  const body = buildPayload(event, "standard");
  const ts = Math.floor(Date.now() / 1000);
  await compare({
    title: `plan + chunk + sign 1 event × ${SUBSCRIPTIONS} subscriptions (Node, no network)`,
    ours: {
      name: "planDeliveries + chunkMessages + signWebhook ×1000",
      fn: async () => {
        const planned = planDeliveries([event], subs);
        chunkMessages(planned);
        await Promise.all(subs.map((s) => signWebhook({ id: event.id, timestamp: ts, body, secrets: [s.secret] })));
      },
    },
  });
}

export default async function () {
  await planAndSign();
  await endToEnd();
}
