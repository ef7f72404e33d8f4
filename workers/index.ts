/** The Worker's entry points: HTTP, the cron trigger, and the queue consumers. */
import { app } from "./app.ts";
import { enqueueTicks, handleTickBatch } from "./scheduled.ts";
import { handleDeadLetterBatch, handleDeliveryBatch } from "./webhooks/queue-handlers.ts";

export { SourceObject } from "./source-object.ts";
export { SubscriptionObject } from "./subscription-object.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await enqueueTicks(env, controller.scheduledTime);
  },
  async queue(batch, env) {
    if (batch.queue.startsWith("parley-ticks")) return handleTickBatch(batch, env);
    if (batch.queue.startsWith("parley-deliveries-dlq")) return handleDeadLetterBatch(batch, env);
    if (batch.queue.startsWith("parley-deliveries")) return handleDeliveryBatch(batch, env);
    throw new Error(`no consumer for queue ${batch.queue}`);
  },
} satisfies ExportedHandler<Env>;
