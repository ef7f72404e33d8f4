/**
 * Kept only for workers/routes/ingest.ts and workers/routes/sources.ts until
 * the routes' OpenAPI conversion lands: new code reads `readConfig(env)`
 * (workers/config.ts). These are the parsers of src/config/vars.ts.
 */
import { numberVar, boolVar as readBool } from "../src/config/vars.ts";

export function intVar(value: string | undefined, fallback: number): number {
  return numberVar(value, fallback, { integer: true });
}

/** "true" (any case, surrounding spaces ignored) is true; anything else, or unset, is false. */
export function boolVar(value: string | undefined): boolean {
  return readBool(value, false);
}
