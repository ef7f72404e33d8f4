/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, in plain Node.
 * Each file's default export is an async function that prints its results.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)))
  .sort();
for (const f of files) {
  console.log(`\n=== ${f}`);
  const mod = (await import(new URL(f, import.meta.url).href)) as { default: () => Promise<void> };
  await mod.default();
}
