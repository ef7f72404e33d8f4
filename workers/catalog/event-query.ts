/**
 * SQL for a filtered page of the event log. One dimension drives the query
 * through its index (the most selective one given: item, tag, source, kind,
 * type, severity), the others are checked on the rows it yields, and rows are
 * read in key order (newest first, or oldest first for replay) until the page
 * is full: a rare item's feed reads its few rows whatever the log's size.
 */

import { SEVERITY_RANK } from "../../src/events/event.ts";
import type { EventFilter } from "../../src/events/event-filter.ts";
import { EVENT_PREFIX, MAX_MS } from "../../src/events/event-index.ts";

export type SqlValue = string | number;
interface Cond {
  sql: string;
  params: SqlValue[];
}

export interface EventQuery {
  filter: EventFilter;
  /** Further constraints of the route (a per-item feed's source and item), applied like filters. */
  scope?: { source: string; item: string };
  limit: number;
  /** The last key of the previous page. */
  after?: string;
  /** Oldest first (replay) instead of newest first. */
  oldestFirst?: boolean;
  /** Only events detected at or after this time (ms): a key bound, so the scan starts there. */
  sinceMs?: number;
  /** Leave the bodies out (ETag-only reads). */
  keysOnly?: boolean;
}

/** Subjects an item filter's bare id can name. */
const SUBJECT_KINDS = ["deadline", "meeting", "source", "subscription", "ping"];

/** One bound parameter whatever the list's length (SQLite in Durable Objects binds at most 100). */
export function inList(column: string, values: readonly SqlValue[]): Cond {
  return { sql: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(values)] };
}

/** `meeting.*` as a key range, `*` as no condition, anything else exact. */
function kindCond(column: string, patterns: readonly string[]): Cond | null {
  if (patterns.includes("*")) return null;
  const exact = patterns.filter((p) => !p.endsWith(".*"));
  const parts: Cond[] = exact.length ? [inList(column, exact)] : [];
  for (const p of patterns.filter((x) => x.endsWith(".*"))) {
    const prefix = p.slice(0, -1);
    parts.push({ sql: `(${column} >= ? AND ${column} < ?)`, params: [prefix, `${prefix.slice(0, -1)}/`] });
  }
  return { sql: `(${parts.map((c) => c.sql).join(" OR ")})`, params: parts.flatMap((c) => c.params) };
}

function itemKeys(items: readonly string[]): string[] {
  return [...new Set(items.flatMap((i) => (i.includes("/") ? [i] : SUBJECT_KINDS.map((k) => `${k}/${i}`))))];
}

function severityRanks(filter: EventFilter): number[] {
  const min = filter.severity ? SEVERITY_RANK[filter.severity] : 0;
  return [0, 1, 2].filter((r) => r >= min);
}

/** The condition for one dimension on alias `e` (events), or null when the filter leaves it open. */
function dimension(name: string, filter: EventFilter): Cond | null {
  switch (name) {
    case "item":
      return filter.item?.length ? inList("e.item", itemKeys(filter.item)) : null;
    case "source":
      return filter.source?.length ? inList("e.source", filter.source) : null;
    case "type":
      return filter.type?.length ? kindCond("e.type", filter.type) : null;
    case "severity":
      return filter.severity ? inList("e.severity", severityRanks(filter)) : null;
    case "kind": {
      const c = filter.kind?.length ? kindCond("k.kind", filter.kind) : null;
      return c && { sql: `EXISTS (SELECT 1 FROM event_kinds k WHERE k.key = e.key AND ${c.sql})`, params: c.params };
    }
    case "tag": {
      if (!filter.tag?.length) return null;
      const c = inList(
        "t.tag",
        filter.tag.map((t) => t.toLowerCase()),
      );
      return { sql: `EXISTS (SELECT 1 FROM event_tags t WHERE t.key = e.key AND ${c.sql})`, params: c.params };
    }
  }
  return null;
}

const DRIVERS = ["item", "tag", "source", "kind", "type", "severity"] as const;

/** Indexes named outright (plain IN lists), so the planner never prefers a scan in key order. */
const FORCED: Record<string, string> = { item: "events_by_item", source: "events_by_source" };

/** Joins that drive a query through the kinds or tags index. */
function drivingJoin(name: string, filter: EventFilter): { from: string; cond: Cond; keyCol: string } | null {
  if (name === "tag" && filter.tag?.length) {
    const cond = inList(
      "d.tag",
      filter.tag.map((t) => t.toLowerCase()),
    );
    return { from: "event_tags d INDEXED BY event_tags_by_tag JOIN events e ON e.key = d.key", cond, keyCol: "d.key" };
  }
  if (name === "kind" && filter.kind?.length) {
    const cond = kindCond("d.kind", filter.kind);
    if (cond) return { from: "event_kinds d JOIN events e ON e.key = d.key", cond, keyCol: "d.key" };
  }
  return null;
}

/** The key that bounds "detected at or after `ms`" (keys hold the inverted detection time). */
export function sinceKeyBound(ms: number): string {
  return `${EVENT_PREFIX}${String(MAX_MS - ms + 1).padStart(13, "0")}`;
}

export function buildEventQuery(q: EventQuery): { sql: string; params: SqlValue[] } {
  const filter: EventFilter = { ...q.filter };
  const scoped: Cond[] = [];
  if (q.scope) scoped.push({ sql: "e.source = ? AND e.item = ?", params: [q.scope.source, q.scope.item] });
  const driver = q.scope ? "item" : (DRIVERS.find((d) => dimension(d, filter) !== null) ?? null);
  const join = driver ? drivingJoin(driver, filter) : null;
  const keyCol = join?.keyCol ?? "e.key";
  const conds: Cond[] = [...scoped];
  if (join) conds.push(join.cond);
  for (const d of DRIVERS) {
    if (join && d === driver) continue;
    const c = dimension(d, filter);
    if (c) conds.push(c);
  }
  const dir = q.oldestFirst ? "DESC" : "ASC";
  if (q.after !== undefined) conds.push({ sql: `${keyCol} ${q.oldestFirst ? "<" : ">"} ?`, params: [q.after] });
  if (q.sinceMs !== undefined) conds.push({ sql: `${keyCol} < ?`, params: [sinceKeyBound(q.sinceMs)] });
  const from = join?.from ?? (driver && FORCED[driver] ? `events e INDEXED BY ${FORCED[driver]}` : "events e");
  const where = conds.length ? `WHERE ${conds.map((c) => c.sql).join(" AND ")}` : "";
  const columns = q.keysOnly ? "e.key, e.written_ms" : "e.key, e.written_ms, e.body";
  const distinct = join ? "DISTINCT " : "";
  return {
    sql: `SELECT ${distinct}${columns} FROM ${from} ${where} ORDER BY ${keyCol} ${dir} LIMIT ?`,
    params: [...conds.flatMap((c) => c.params), q.limit + 1],
  };
}
