/**
 * The list of sources in Workers KV (`src:<id>` → config), written only when a
 * source is created, changed or deleted. Each source's Durable Object stays the
 * authority; this index lets the API and the cron run enumerate sources.
 */
import type { SourceConfig } from "../../src/sources/source-config.ts";

const PREFIX = "src:";

export async function putSourceIndex(kv: KVNamespace, config: SourceConfig): Promise<void> {
  await kv.put(`${PREFIX}${config.id}`, JSON.stringify(config));
}

export async function deleteSourceIndex(kv: KVNamespace, id: string): Promise<void> {
  await kv.delete(`${PREFIX}${id}`);
}

export async function listSourceIds(kv: KVNamespace): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix: PREFIX, cursor });
    for (const k of page.keys) ids.push(k.name.slice(PREFIX.length));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return ids;
}
