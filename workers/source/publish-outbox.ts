/**
 * Publishes the head of a source's outbox: one batch sized by
 * src/webhooks/publish-plan.ts, written to the catalog in one transaction
 * (idempotent by event key), then fanned out to the subscriptions' delivery
 * queue, then dropped from the outbox. A failure anywhere leaves the outbox as
 * it was, so the next try publishes the same batch again: nothing is lost,
 * and the event log never holds an event twice.
 */
import { planPublish } from "../../src/webhooks/publish-plan.ts";
import type { SourceListing } from "../catalog/catalog-types.ts";
import { catalogStub } from "../catalog-stub.ts";
import { readConfig } from "../config.ts";
import { sendDeliveries } from "../webhooks/fan-out.ts";
import { listSubscriptions } from "../webhooks/subscription-index.ts";
import { queueHubPings } from "../websub/hub-pings.ts";
import type { SourceStore } from "./source-store.ts";

/** Item copies sent with one batch. */
const MAX_ITEMS_PER_BATCH = 500;

export interface PublishOutcome {
  events: number;
  items: number;
  /** True when more waits in the outbox after this batch. */
  more: boolean;
}

export async function publishOutboxHead(
  env: Env,
  store: SourceStore,
  source: string,
  listing: () => SourceListing,
): Promise<PublishOutcome> {
  const { maxEvents, maxSubrequests } = readConfig(env).publish;
  const head = store.head(maxEvents, MAX_ITEMS_PER_BATCH);
  if (head.events.length === 0 && head.items.length === 0) return { events: 0, items: 0, more: false };
  const subscriptions = head.events.length ? await listSubscriptions(env.PARLEY_KV) : [];
  const plan = planPublish(
    head.events.map((e) => e.event),
    subscriptions,
    { maxEvents, maxSubrequests },
  );
  const batch = head.events.slice(0, plan.take);
  const current = listing();
  await catalogStub(env).publish({
    source,
    events: batch.map((e) => e.event),
    items: head.items.map((i) => i.tracked),
    listing: current,
  });
  // Webhooks go out only once the events are readable; receivers de-duplicate on webhook-id if a
  // failure after this point makes the batch go again. Chat messages name the source by its title.
  const title = current.view.config.title;
  const messages = title
    ? plan.messages.map((m) => ({ ...m, body: { ...m.body, source_name: title } }))
    : plan.messages;
  await sendDeliveries(env, messages);
  // WebSub: the hubs fetch the feeds these events appear in. A failure to queue is logged, never a
  // failed publish (the events are readable; the next batch pings the change feeds again).
  try {
    await queueHubPings(
      env,
      source,
      batch.map((e) => e.event),
    );
  } catch (err) {
    console.error(`websub: queueing hub pings for ${source} failed`, err);
  }
  store.published(batch.length ? batch[batch.length - 1].seq : null, head.items);
  return { events: batch.length, items: head.items.length, more: store.pending() };
}
