/**
 * A source's own storage (SQLite in its Durable Object): config, status and
 * poll state, one row per item (flagged while its read-model copy is stale),
 * the clock's fired records, and the outbox, one row per event in commit
 * order. Every change is one transaction: the new item states, the events to
 * publish and the status are written together or not at all.
 */
import type { FiredRecord } from "../../src/clock/clock-events.ts";
import type { ChangeEvent } from "../../src/events/event.ts";
import type { TrackedItem } from "../../src/track/tracked-item.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, value TEXT NOT NULL, dirty INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_dirty ON items (dirty) WHERE dirty > 0;
CREATE TABLE IF NOT EXISTS fired (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT NULL);
`;

type Row = Record<string, string | number | null>;

export interface Commit {
  items?: ReadonlyMap<string, TrackedItem>;
  fired?: ReadonlyMap<string, FiredRecord>;
  events?: readonly ChangeEvent[];
  meta?: Record<string, unknown>;
}

export interface OutboxHead {
  events: { seq: number; event: ChangeEvent }[];
  items: { key: string; tracked: TrackedItem; version: number }[];
}

export class SourceStore {
  private version = 0;
  private readonly storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.storage = storage;
    storage.sql.exec(SCHEMA);
    const row = this.rows("SELECT MAX(dirty) AS v FROM items")[0];
    this.version = Number(row?.v ?? 0);
  }

  private rows(sql: string, ...params: (string | number)[]): Row[] {
    return this.storage.sql.exec<Row>(sql, ...params).toArray();
  }

  meta<T>(name: string): T | undefined {
    const row = this.rows("SELECT value FROM meta WHERE name = ?", name)[0];
    return row ? (JSON.parse(String(row.value)) as T) : undefined;
  }

  loadItems(): Map<string, TrackedItem> {
    return new Map(this.rows("SELECT key, value FROM items").map((r) => [String(r.key), JSON.parse(String(r.value))]));
  }

  loadFired(): Map<string, FiredRecord> {
    return new Map(this.rows("SELECT key, value FROM fired").map((r) => [String(r.key), JSON.parse(String(r.value))]));
  }

  /** Writes everything in one transaction (all or nothing); returns the outbox position of its last event. */
  commit(c: Commit): number | null {
    return this.storage.transactionSync(() => {
      const version = this.version + 1;
      for (const [name, value] of Object.entries(c.meta ?? {})) {
        this.storage.sql.exec("INSERT OR REPLACE INTO meta VALUES (?, ?)", name, JSON.stringify(value));
      }
      for (const [key, tracked] of c.items ?? []) {
        this.storage.sql.exec("INSERT OR REPLACE INTO items VALUES (?, ?, ?)", key, JSON.stringify(tracked), version);
      }
      for (const [key, record] of c.fired ?? []) {
        this.storage.sql.exec("INSERT OR REPLACE INTO fired VALUES (?, ?)", key, JSON.stringify(record));
      }
      let last: number | null = null;
      for (const event of c.events ?? []) {
        const row = this.storage.sql
          .exec<Row>("INSERT INTO outbox (event) VALUES (?) RETURNING seq", JSON.stringify(event))
          .one();
        last = Number(row.seq);
      }
      this.version = version;
      return last;
    });
  }

  /** How many events wait in the outbox. */
  outboxSize(): number {
    return Number(this.rows("SELECT COUNT(*) AS n FROM outbox")[0]?.n ?? 0);
  }

  /** True while an event at or before outbox position `seq` waits. */
  waitingThrough(seq: number): boolean {
    return this.rows("SELECT 1 FROM outbox WHERE seq <= ? LIMIT 1", seq).length > 0;
  }

  /** True while events or item copies wait to be published. */
  pending(): boolean {
    return (
      this.rows("SELECT 1 FROM outbox LIMIT 1").length > 0 ||
      this.rows("SELECT 1 FROM items WHERE dirty > 0 LIMIT 1").length > 0
    );
  }

  /** The oldest waiting events (commit order) and item copies. */
  head(maxEvents: number, maxItems: number): OutboxHead {
    return {
      events: this.rows("SELECT seq, event FROM outbox ORDER BY seq LIMIT ?", maxEvents).map((r) => ({
        seq: Number(r.seq),
        event: JSON.parse(String(r.event)),
      })),
      items: this.rows("SELECT key, value, dirty FROM items WHERE dirty > 0 ORDER BY dirty LIMIT ?", maxItems).map(
        (r) => ({ key: String(r.key), tracked: JSON.parse(String(r.value)), version: Number(r.dirty) }),
      ),
    };
  }

  /** Drops what was published: events up to `lastSeq`, and item copies not changed since they were read. */
  published(lastSeq: number | null, items: readonly { key: string; version: number }[]): void {
    this.storage.transactionSync(() => {
      if (lastSeq !== null) this.storage.sql.exec("DELETE FROM outbox WHERE seq <= ?", lastSeq);
      for (const { key, version } of items) {
        this.storage.sql.exec("UPDATE items SET dirty = 0 WHERE key = ? AND dirty = ?", key, version);
      }
    });
  }

  clear(): void {
    this.storage.transactionSync(() => {
      for (const table of ["meta", "items", "fired", "outbox"]) this.storage.sql.exec(`DELETE FROM ${table}`);
    });
  }
}
