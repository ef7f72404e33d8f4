/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, in plain Node
 * (`npm run bench -- ingest` runs only the files whose name contains "ingest").
 * Each file's default export is an async function that prints its results.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv[2];
// The fan-out and scale benches start Miniflare (workerd), whose shutdown still takes CPU for a while:
// they run last, so they cannot slow the CPU-time benches after them.
const last = (f: string) => (f.startsWith("fanout") || f.startsWith("scale") ? 1 : 0);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)))
  .sort((a, b) => last(a) - last(b) || a.localeCompare(b));
for (const f of files) {
  console.log(`\n=== ${f}`);
  const mod = (await import(new URL(f, import.meta.url).href)) as { default: () => Promise<void> };
  await mod.default();
}
