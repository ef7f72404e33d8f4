/**
 * The deliveries queue and its dead-letter queue.
 *
 * Deliveries: each message is one (event, subscription) pair; the
 * subscription's Durable Object makes the attempt, records its outcome in its
 * delivery log and ledger, and decides: retry with the schedule's delay
 * (Retry-After honoured on 429/503), or ack — delivered, dead-lettered (the
 * schedule is used up, or this attempt disabled the subscription; recorded
 * by the object itself), skipped (the subscription is disabled, or the pair
 * is already final) or gone (deleted). A message whose handling throws is
 * retried after the first delay of the schedule; the Queue's own max_retries
 * then dead-letters it, so a message can never retry forever.
 *
 * Dead letters (messages the queue gave up on): the subscription records
 * the pair as dead-lettered in its ledger, log and health; the message is
 * then acked.
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import type { DeliveryMessage } from "../../src/webhooks/subscription-record.ts";
import { catalogStub } from "../catalog-stub.ts";
import { readConfig } from "../config.ts";
import { subscriptionStub } from "./subscription-stub.ts";

function isDeliveryMessage(body: unknown): body is DeliveryMessage {
  const b = body as DeliveryMessage | null;
  return (
    typeof b?.subscription_id === "string" &&
    (typeof b.event?.id === "string" || (typeof b.event_ref?.id === "string" && typeof b.event_ref.key === "string"))
  );
}

function eventIdOf(body: DeliveryMessage): string {
  return body.event?.id ?? body.event_ref?.id ?? "?";
}

/**
 * The message's event: carried inline, or read from the event log by its key
 * (events too large for a queue message). Null if the log does not hold it:
 * the caller retries.
 */
async function eventOf(env: Env, body: DeliveryMessage): Promise<ChangeEvent | null> {
  if (body.event) return body.event;
  if (!body.event_ref) return null;
  return catalogStub(env).eventByKey(body.event_ref.key);
}

export async function handleDeliveryBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const fallbackDelay = readConfig(env).webhooks.schedule[0] ?? 5;
  await Promise.all(
    batch.messages.map(async (message) => {
      const body = message.body;
      if (!isDeliveryMessage(body)) {
        console.error(`deliveries: dropping a malformed message ${message.id}`);
        message.ack();
        return;
      }
      try {
        const event = await eventOf(env, body);
        if (event === null) {
          console.error(`delivery of ${eventIdOf(body)}: the event is not readable in the log yet; retrying`);
          message.retry({ delaySeconds: Math.max(1, Math.round(fallbackDelay)) });
          return;
        }
        const decision = await subscriptionStub(env, body.subscription_id).deliver(
          event,
          message.attempts,
          body.replay === true,
          body.source_name,
        );
        if (decision.action === "retry") message.retry({ delaySeconds: decision.delaySeconds });
        else message.ack();
      } catch (err) {
        console.error(
          `delivery of ${eventIdOf(body)} to ${body.subscription_id} failed to run; retrying`,
          err instanceof Error ? err.message : String(err),
        );
        message.retry({ delaySeconds: Math.max(1, Math.round(fallbackDelay)) });
      }
    }),
  );
}

export async function handleDeadLetterBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      const body = message.body;
      if (!isDeliveryMessage(body)) {
        console.error(`dead letters: dropping a malformed message ${message.id}`);
        message.ack();
        return;
      }
      try {
        // The pair is recorded by id even when its event is no longer readable.
        const event = await eventOf(env, body);
        await subscriptionStub(env, body.subscription_id).recordDeadLetter(
          event ? { id: event.id, type: event.type } : { id: eventIdOf(body) },
          body.attempts,
          body.replay === true,
        );
        message.ack();
      } catch (err) {
        console.error(
          `recording dead letter ${eventIdOf(body)} for ${body.subscription_id} failed; retrying`,
          err instanceof Error ? err.message : String(err),
        );
        message.retry({ delaySeconds: 30 });
      }
    }),
  );
}
