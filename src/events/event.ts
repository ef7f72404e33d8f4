import type { Item } from "../model/item.ts";

/** Change events, version 1 (events spec). */
export type Severity = "major" | "minor" | "info";

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, minor: 1, major: 2 };

/** A JSON value (what `from` and `to` may hold; keeps events serializable end to end). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

export interface Change {
  field: string;
  from: JsonValue;
  to: JsonValue;
  /** For list fields (participants): the names added and removed. */
  added?: string[];
  removed?: string[];
}

/** The object an operational event is about (source.failing, subscription.disabled, ping). */
export interface Subject {
  kind: "source" | "subscription" | "ping";
  id: string;
  [extra: string]: JsonValue | undefined;
}

export interface ChangeEvent {
  /** `evt_` + hash of source, item and the content of the change: stable across re-ingest and replay. */
  id: string;
  /** The first (most significant) of `kinds`. */
  type: string;
  /** Every change kind in this revision, in the spec's table order. */
  kinds: string[];
  severity: Severity;
  source: string;
  item: Item | Subject;
  changes: Change[];
  summary: string;
  /** The revision's updated_at, or the moment a clock event fell due. RFC 3339 UTC. */
  occurred_at: string;
  /** When parley detected it. RFC 3339 UTC. */
  detected_at: string;
}
