/** The Worker's entry points: HTTP, the cron trigger, and the queue consumers. */
import { app } from "./app.ts";
import { sweepSources } from "./scheduled.ts";
import { handleDeadLetterBatch, handleDeliveryBatch } from "./webhooks/queue-handlers.ts";
import { handleHubPingBatch } from "./websub/hub-pings.ts";

export { CatalogObject } from "./catalog-object.ts";
export { SourceObject } from "./source-object.ts";
export { SubscriptionObject } from "./subscription-object.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await sweepSources(env, controller.scheduledTime);
  },
  async queue(batch, env) {
    if (batch.queue.startsWith("parley-deliveries-dlq")) return handleDeadLetterBatch(batch, env);
    if (batch.queue.startsWith("parley-deliveries")) return handleDeliveryBatch(batch, env);
    if (batch.queue.startsWith("parley-hub-pings")) return handleHubPingBatch(batch, env);
    throw new Error(`no consumer for queue ${batch.queue}`);
  },
} satisfies ExportedHandler<Env>;
