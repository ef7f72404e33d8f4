/**
 * Ingest CPU for a 1,000-item document (see ingest-run.ts), measured twice:
 * here, with zod as Node runs it, and in a child process with zod's
 * `jitless` setting, which is how it runs in Workers. The setting is read
 * when a schema is built, so it needs a process of its own.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runIngestBenches } from "./ingest-run.ts";

export default async function () {
  await runIngestBenches("zod with eval, as in Node");
  const child = fileURLToPath(new URL("./ingest-jitless.ts", import.meta.url));
  execFileSync(process.execPath, [child], { stdio: "inherit" });
}
