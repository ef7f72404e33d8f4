import type { SourceObject } from "./source-object.ts";

/**
 * The methods callers use on a source's Durable Object. Typed from the class
 * directly: the RPC results are structured clones of exactly these plain
 * objects, and workers-types' recursive Rpc mapping of them is too deep for tsc.
 */
export type SourceMethods = Pick<
  SourceObject,
  | "configure"
  | "describe"
  | "destroy"
  | "recordRejection"
  | "recordHubPing"
  | "ingest"
  | "pollNow"
  | "tick"
  | "wake"
  | "runClock"
>;

/** The Durable Object that owns a source (one per source id). */
export function sourceStub(env: Env, id: string): SourceMethods {
  return env.SOURCES.getByName(id) as unknown as SourceMethods;
}
