/**
 * `npm start`: parley on this machine in one command. Runs `wrangler dev`
 * (Miniflare's embedded KV, Durable Objects and Queues; state kept under
 * .wrangler/state), fills a demo source from the shared examples — one
 * document pushed, the next one polled from the local worker itself — and
 * prints the feed URLs. Ctrl-C stops it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const PORT = Number(process.env.PORT ?? 8787);
const BASE = `http://127.0.0.1:${PORT}`;

function adminToken(): string {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  if (existsSync(".dev.vars")) {
    const m = /^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m.exec(readFileSync(".dev.vars", "utf8"));
    if (m) return m[1].trim();
  }
  return "dev-admin-token";
}

const TOKEN = adminToken();

function startWrangler(): ChildProcess {
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(PORT),
    "--test-scheduled",
    "--var",
    `ADMIN_TOKEN:${TOKEN}`,
    "--var",
    "DEMO:true",
    "--var",
    "ALLOW_PRIVATE_WEBHOOKS:true",
    "--var",
    "ALLOW_PRIVATE_SOURCES:true",
  ];
  const child = spawn("wrangler", args, {
    stdio: ["inherit", "inherit", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  child.on("exit", (code) => process.exit(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  return child;
}

async function waitForWorker(timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the worker did not answer on ${BASE} within ${timeoutMs / 1000} s`);
}

async function call(method: string, path: string, body?: string, contentType = "application/json") {
  const r = await fetch(`${BASE}${path}`, {
    method,
    body,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": contentType },
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function seed(): Promise<void> {
  await call("PUT", "/demo/stage/0418");
  await call(
    "PUT",
    "/api/sources/ukraine-talks",
    JSON.stringify({
      title: "Ukraine–Russia peace effort (demo)",
      url: `${BASE}/demo/talks.json`,
      baseline: "announce",
      interval_minutes: 5,
    }),
  );
  const first = await call("POST", "/api/sources/ukraine-talks/poll");
  console.log(`\n[parley] polled the demo source: ${first.outcome.result}, ${first.events.length} event(s)`);
  await call("PUT", "/demo/stage/0423");
  const second = await call("POST", "/api/sources/ukraine-talks/poll");
  for (const e of second.events) console.log(`[parley] change: ${e.summary}`);

  await call("PUT", "/api/sources/ukraine-talks-rss", JSON.stringify({ title: "Same facts, pushed as RSS" }));
  const rss = readFileSync("examples/talks-2025-04-18.rss.xml", "utf8");
  await call("POST", "/api/sources/ukraine-talks-rss/ingest", rss, "application/rss+xml");
}

startWrangler();
await waitForWorker();
try {
  await seed();
} catch (err) {
  console.error(`[parley] demo seeding failed: ${err instanceof Error ? err.message : err}`);
}
console.log(`
[parley] running on ${BASE} (admin token: ${TOKEN === "dev-admin-token" ? "dev-admin-token — set ADMIN_TOKEN in .dev.vars" : "from .dev.vars / ADMIN_TOKEN"})
  feeds:  ${BASE}/feeds/changes.rss
          ${BASE}/feeds/changes.atom
          ${BASE}/feeds/changes.json
          ${BASE}/feeds/items/ukraine-talks/meeting/london-talks-2025-04-23.rss
  api:    ${BASE}/api/sources   ${BASE}/api/events   ${BASE}/api/items
  cron:   curl "${BASE}/__scheduled?cron=*/5+*+*+*+*"   (the sweep: wakes sources whose alarm seems lost; each source polls and fires clock events by its own alarm)
`);
