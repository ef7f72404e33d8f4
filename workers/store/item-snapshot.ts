/**
 * The read model of a source's items in Workers KV: one value per source
 * (`items:<source>`) holding every tracked item with its history, written by
 * the source's Durable Object only when something changed.
 */
import type { TrackedItem } from "../../src/track/tracked-item.ts";

export interface ItemSnapshot {
  source: string;
  updated_at: string;
  items: TrackedItem[];
}

export function itemsKey(source: string): string {
  return `items:${source}`;
}

export async function writeItemSnapshot(kv: KVNamespace, snapshot: ItemSnapshot): Promise<void> {
  await kv.put(itemsKey(snapshot.source), JSON.stringify(snapshot));
}

export async function readItemSnapshot(kv: KVNamespace, source: string): Promise<ItemSnapshot | null> {
  return kv.get<ItemSnapshot>(itemsKey(source), "json");
}

export async function deleteItemSnapshot(kv: KVNamespace, source: string): Promise<void> {
  await kv.delete(itemsKey(source));
}
