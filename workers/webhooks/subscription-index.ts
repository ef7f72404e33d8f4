/**
 * The list of subscriptions in Workers KV (`sub:<id>` → the record, without
 * secret or health), written only by each subscription's Durable Object. The
 * record is also the key's metadata when it fits KV's 1,024 bytes, so the
 * fan-out lists every subscription with one list call per 1,000 and no reads.
 */
import type { SubscriptionRecord } from "../../src/webhooks/subscription-record.ts";

const PREFIX = "sub:";
const MAX_METADATA_BYTES = 1000;

type IndexMeta = SubscriptionRecord | { x: 1 };

export async function putSubscriptionIndex(kv: KVNamespace, record: SubscriptionRecord): Promise<void> {
  const value = JSON.stringify(record);
  const metadata: IndexMeta = new TextEncoder().encode(value).length <= MAX_METADATA_BYTES ? record : { x: 1 };
  await kv.put(`${PREFIX}${record.id}`, value, { metadata });
}

export async function deleteSubscriptionIndex(kv: KVNamespace, id: string): Promise<void> {
  await kv.delete(`${PREFIX}${id}`);
}

/** Every subscription in the index (enabled or not). */
export async function listSubscriptions(kv: KVNamespace): Promise<SubscriptionRecord[]> {
  const out: SubscriptionRecord[] = [];
  const toRead: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list<IndexMeta>({ prefix: PREFIX, cursor });
    for (const k of page.keys) {
      if (k.metadata && !("x" in k.metadata)) out.push(k.metadata);
      else toRead.push(k.name);
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  for (let i = 0; i < toRead.length; i += 100) {
    const values = await kv.get<SubscriptionRecord>(toRead.slice(i, i + 100), "json");
    for (const v of values.values()) if (v) out.push(v);
  }
  return out;
}
