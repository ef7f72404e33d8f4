/**
 * The catalog's tables (SQLite in one Durable Object): the event log with an
 * index per filter dimension, the current state of every item, and the index
 * of sources. Every read names an index, so a page costs a bounded number of
 * rows however long the log grows.
 */
export const CATALOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  item TEXT NOT NULL,
  severity INTEGER NOT NULL,
  written_ms INTEGER NOT NULL,
  body TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_by_source ON events (source, key);
CREATE INDEX IF NOT EXISTS events_by_item ON events (item, key);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, key);
CREATE INDEX IF NOT EXISTS events_by_severity ON events (severity, key);
CREATE TABLE IF NOT EXISTS event_kinds (key TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (key, kind)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_kinds_by_kind ON event_kinds (kind, key);
CREATE TABLE IF NOT EXISTS event_tags (key TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (key, tag)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_tags_by_tag ON event_tags (tag, key);
CREATE TABLE IF NOT EXISTS items (
  source TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  status TEXT NOT NULL,
  removed INTEGER NOT NULL,
  body TEXT NOT NULL,
  tags TEXT,
  written_ms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (source, kind, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sources (
  id TEXT PRIMARY KEY,
  view TEXT NOT NULL,
  wake_at INTEGER,
  poked_at INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
`;

/**
 * Columns added to the items table after it was first created (for the
 * calendars: lower-cased tags, and when the row was written). Each is added
 * when missing; tags are filled from the bodies once.
 */
export const ITEM_COLUMN_MIGRATIONS: { column: string; sql: string[] }[] = [
  {
    column: "tags",
    sql: [
      "ALTER TABLE items ADD COLUMN tags TEXT",
      "UPDATE items SET tags = (SELECT json_group_array(lower(value)) FROM json_each(items.body, '$.item.tags'))",
    ],
  },
  { column: "written_ms", sql: ["ALTER TABLE items ADD COLUMN written_ms INTEGER NOT NULL DEFAULT 0"] },
];
