/**
 * The ingest benches with zod's `jitless` setting, as zod runs in Workers.
 * Spawned by ingest.bench.ts; the setting must come before any schema is built,
 * hence the dynamic import.
 */
import { z } from "zod";

z.config({ jitless: true });
const { runIngestBenches } = await import("./ingest-run.ts");
await runIngestBenches("zod jitless, as in Workers");
