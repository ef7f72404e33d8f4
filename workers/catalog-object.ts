/**
 * The catalog: parley's read model, one SQLite-backed Durable Object
 * (`CATALOG`, named "catalog"). Sources publish into it (events, the item
 * states they leave, the source's listing), each publish one transaction and
 * idempotent by event key; the HTTP routes, the fan-out of large events,
 * replay and the cron sweep read from it. Every read goes through an index,
 * so its cost is bounded by the page asked for, never by the log's size.
 */
import { DurableObject } from "cloudflare:workers";
import type { ChangeEvent } from "../src/events/event.ts";
import { SEVERITY_RANK } from "../src/events/event.ts";
import { eventKey, subjectKey } from "../src/events/event-index.ts";
import type { TrackedItem } from "../src/track/tracked-item.ts";
import { buildCalendarItemQuery, type CalendarItemQuery } from "./catalog/calendar-items.ts";
import type { EventPageResult, ItemQuery, PublishBatch, SourceListing, StoredItem } from "./catalog/catalog-types.ts";
import { buildEventQuery, type EventQuery, inList, type SqlValue } from "./catalog/event-query.ts";
import { CATALOG_SCHEMA, ITEM_COLUMN_MIGRATIONS } from "./catalog/schema.ts";

type Row = Record<string, SqlValue | null>;
type Param = SqlValue | null;

function tagsOf(event: ChangeEvent): string[] {
  const tags = (event.item as { tags?: unknown }).tags;
  return Array.isArray(tags) ? [...new Set(tags.map((t) => String(t).toLowerCase()))] : [];
}

export class CatalogObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(CATALOG_SCHEMA);
      for (const m of ITEM_COLUMN_MIGRATIONS) {
        const has = ctx.storage.sql.exec("SELECT 1 FROM pragma_table_info('items') WHERE name = ?", m.column).toArray();
        if (has.length === 0) for (const sql of m.sql) ctx.storage.sql.exec(sql);
      }
    });
  }

  private exec(sql: string, ...params: Param[]) {
    return this.ctx.storage.sql.exec<Row>(sql, ...params);
  }

  /** Writes one batch in one transaction; an event already written is left as it is. */
  publish(batch: PublishBatch): { written: number } {
    const now = Date.now();
    let written = 0;
    this.ctx.storage.transactionSync(() => {
      for (const event of batch.events) {
        const key = eventKey(event);
        const cursor = this.exec(
          `INSERT INTO events (key, id, source, type, item, severity, written_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (key) DO NOTHING`,
          key,
          event.id,
          event.source,
          event.type,
          subjectKey(event),
          SEVERITY_RANK[event.severity],
          now,
          JSON.stringify(event),
        );
        if (cursor.rowsWritten === 0) continue;
        written++;
        for (const kind of new Set(event.kinds))
          this.exec("INSERT OR IGNORE INTO event_kinds VALUES (?, ?)", key, kind);
        for (const tag of tagsOf(event)) this.exec("INSERT OR IGNORE INTO event_tags VALUES (?, ?)", key, tag);
      }
      for (const tracked of batch.items) this.putItem(batch.source, tracked, now);
      if (batch.listing) this.putListing(batch.listing);
    });
    return { written };
  }

  private putItem(source: string, t: TrackedItem, now: number): void {
    this.exec(
      `INSERT OR REPLACE INTO items (source, kind, id, status, removed, body, tags, written_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      source,
      t.item.kind,
      t.item.id,
      t.item.status,
      t.removed_at === undefined ? 0 : 1,
      JSON.stringify(t),
      JSON.stringify([...new Set(t.item.tags.map((tag) => tag.toLowerCase()))]),
      now,
    );
  }

  private putListing(listing: SourceListing): void {
    this.exec(
      `INSERT INTO sources (id, view, wake_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET view = excluded.view, wake_at = excluded.wake_at`,
      listing.view.config.id,
      JSON.stringify(listing.view),
      listing.wakeAt,
    );
  }

  /** Lists (or updates) a source in the index. */
  putSource(listing: SourceListing): void {
    this.putListing(listing);
  }

  /** Removes a source and its items from the index; its past events stay in the log. */
  deleteSource(id: string): void {
    this.ctx.storage.transactionSync(() => {
      this.exec("DELETE FROM sources WHERE id = ?", id);
      this.exec("DELETE FROM items WHERE source = ?", id);
    });
  }

  sources(): SourceListing[] {
    return this.exec("SELECT view, wake_at FROM sources ORDER BY id")
      .toArray()
      .map((r) => ({ view: JSON.parse(String(r.view)), wakeAt: r.wake_at === null ? null : Number(r.wake_at) }));
  }

  /**
   * Sources whose object should have woken by `now` − `graceMs` and did not
   * report since (a lost alarm), plus any not poked for `staleMs`: the sweep
   * wakes them. Marks them poked, so one sweep does not repeat another.
   */
  overdue(now: number, graceMs: number, staleMs: number, max: number): string[] {
    const ids = this.exec(
      `SELECT id FROM sources WHERE (wake_at IS NOT NULL AND wake_at < ? AND poked_at < wake_at) OR poked_at < ?
       ORDER BY wake_at LIMIT ?`,
      now - graceMs,
      now - staleMs,
      max,
    )
      .toArray()
      .map((r) => String(r.id));
    if (ids.length)
      this.exec(
        "UPDATE sources SET poked_at = ? WHERE id IN (SELECT value FROM json_each(?))",
        now,
        JSON.stringify(ids),
      );
    return ids;
  }

  events(q: EventQuery): EventPageResult {
    const { sql, params } = buildEventQuery(q);
    const cursor = this.exec(sql, ...params);
    const rows = cursor.toArray();
    const page = rows.slice(0, q.limit);
    let publishedMs: number | null = null;
    for (const r of page) publishedMs = Math.max(publishedMs ?? 0, Number(r.written_ms));
    const events = q.keysOnly ? [] : page.map((r) => JSON.parse(String(r.body)) as ChangeEvent);
    return {
      keys: page.map((r) => String(r.key)),
      events,
      writtenMs: q.keysOnly ? [] : page.map((r) => Number(r.written_ms)),
      sourceTitles: this.sourceTitles(events),
      ...(rows.length > q.limit && page.length > 0 && { next: String(page[page.length - 1].key) }),
      publishedMs,
      rowsRead: cursor.rowsRead,
    };
  }

  /** The titles of the events' sources (those still listed and titled), for naming them in feeds. */
  private sourceTitles(events: readonly ChangeEvent[]): Record<string, string> {
    const titles: Record<string, string> = {};
    const ids = [...new Set(events.map((e) => e.source))];
    if (ids.length === 0) return titles;
    const rows = this.exec(
      "SELECT id, json_extract(view, '$.config.title') AS title FROM sources WHERE id IN (SELECT value FROM json_each(?))",
      JSON.stringify(ids),
    );
    for (const r of rows) if (typeof r.title === "string" && r.title !== "") titles[String(r.id)] = r.title;
    return titles;
  }

  eventByKey(key: string): ChangeEvent | null {
    const row = this.exec("SELECT body FROM events WHERE key = ?", key).toArray()[0];
    return row ? (JSON.parse(String(row.body)) as ChangeEvent) : null;
  }

  item(source: string, kind: string, id: string): TrackedItem | null {
    const row = this.exec(
      "SELECT body FROM items WHERE source = ? AND kind = ? AND id = ?",
      source,
      kind,
      id,
    ).toArray()[0];
    return row ? (JSON.parse(String(row.body)) as TrackedItem) : null;
  }

  /** Items for a calendar (one bounded page) and when the latest of them was written. */
  calendarItems(q: CalendarItemQuery): { items: StoredItem[]; truncated: boolean; writtenMs: number | null } {
    const { sql, params } = buildCalendarItemQuery(q);
    const rows = this.exec(sql, ...params).toArray();
    let writtenMs: number | null = null;
    const items = rows.slice(0, q.limit).map((r) => {
      if (Number(r.written_ms) > 0) writtenMs = Math.max(writtenMs ?? 0, Number(r.written_ms));
      return { source: String(r.source), tracked: JSON.parse(String(r.body)) as TrackedItem };
    });
    return { items, truncated: rows.length > q.limit, writtenMs };
  }

  items(q: ItemQuery): { items: StoredItem[]; next?: [string, string, string] } {
    const conds = ["removed = ?"];
    const params: SqlValue[] = [q.removed ? 1 : 0];
    const add = (column: string, values: string[] | undefined) => {
      if (!values?.length) return;
      const c = inList(column, values);
      conds.push(c.sql);
      params.push(...c.params);
    };
    add("source", q.source);
    add("kind", q.kind);
    add("status", q.status);
    if (q.after) {
      conds.push("(source, kind, id) > (?, ?, ?)");
      params.push(...q.after);
    }
    const rows = this.exec(
      `SELECT source, body FROM items WHERE ${conds.join(" AND ")} ORDER BY source, kind, id LIMIT ?`,
      ...params,
      q.limit + 1,
    ).toArray();
    const items = rows
      .slice(0, q.limit)
      .map((r) => ({ source: String(r.source), tracked: JSON.parse(String(r.body)) }));
    const last = items[items.length - 1];
    return {
      items,
      ...(rows.length > q.limit && last && { next: [last.source, last.tracked.item.kind, last.tracked.item.id] }),
    };
  }
}
