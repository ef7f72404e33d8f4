/**
 * The calendar's read of the items table: items with a date (a meeting's
 * `starts_at`, a deadline's `due`), live or removed since a cutoff, by the
 * calendar filters, in (source, kind, id) order, one bounded page.
 */
import type { CalendarFilter } from "../../src/calendar/calendar-query.ts";
import { inList, type SqlValue } from "./event-query.ts";

/** Most entries one calendar holds. */
export const CALENDAR_MAX_ITEMS = 1000;

export interface CalendarItemQuery {
  filter: CalendarFilter;
  /** Removed items count only when removed at or after this RFC 3339 UTC time. */
  removedSince: string;
  limit: number;
}

export function buildCalendarItemQuery(q: CalendarItemQuery): { sql: string; params: SqlValue[] } {
  const conds = [
    "(json_extract(body, '$.item.starts_at') IS NOT NULL OR json_extract(body, '$.item.due') IS NOT NULL)",
    "(removed = 0 OR json_extract(body, '$.removed_at') >= ?)",
  ];
  const params: SqlValue[] = [q.removedSince];
  const add = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    const c = inList(column, values);
    conds.push(c.sql);
    params.push(...c.params);
  };
  const f = q.filter;
  add("source", f.source);
  add("kind", f.kind);
  add("status", f.status);
  if (f.tag?.length) {
    conds.push("EXISTS (SELECT 1 FROM json_each(items.tags) AS t WHERE t.value IN (SELECT value FROM json_each(?)))");
    params.push(JSON.stringify(f.tag));
  }
  if (f.item?.length) {
    const full = f.item.filter((i) => i.includes("/"));
    const bare = f.item.filter((i) => !i.includes("/"));
    const alts: string[] = [];
    if (full.length) {
      alts.push("(kind || '/' || id) IN (SELECT value FROM json_each(?))");
      params.push(JSON.stringify(full));
    }
    if (bare.length) {
      alts.push("id IN (SELECT value FROM json_each(?))");
      params.push(JSON.stringify(bare));
    }
    conds.push(`(${alts.join(" OR ")})`);
  }
  return {
    sql: `SELECT source, body, written_ms FROM items WHERE ${conds.join(" AND ")} ORDER BY source, kind, id LIMIT ?`,
    params: [...params, q.limit + 1],
  };
}
