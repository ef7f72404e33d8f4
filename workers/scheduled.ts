/**
 * The cron trigger and the ticks queue. The cron run only lists sources and
 * enqueues one message per source (100 per sendBatch call), so it stays far
 * below the subrequest limit however many sources there are; each consumer
 * invocation then runs a handful of sources' ticks (poll if due, clock
 * events) in their own Durable Objects, so one slow source never delays the
 * others. Neither step writes to KV unless something changed.
 */
import { sourceStub } from "./source-stub.ts";
import { listSourceIds } from "./store/source-index.ts";

export interface TickMessage {
  source: string;
  /** The cron run's scheduled time (ms): the clock's "now" for this run. */
  now: number;
}

const SEND_BATCH = 100;

export async function enqueueTicks(env: Env, now: number): Promise<number> {
  const ids = await listSourceIds(env.PARLEY_KV);
  for (let i = 0; i < ids.length; i += SEND_BATCH) {
    await env.TICKS.sendBatch(ids.slice(i, i + SEND_BATCH).map((source) => ({ body: { source, now } as TickMessage })));
  }
  return ids.length;
}

export async function handleTickBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      const { source, now } = message.body as TickMessage;
      try {
        await sourceStub(env, source).tick(now);
        message.ack();
      } catch (err) {
        console.error(`tick for source ${source} failed; retrying`, err instanceof Error ? err.message : err);
        message.retry({ delaySeconds: 30 });
      }
    }),
  );
}
