/**
 * WebSub publish pings. After a source's batch of events is readable in the
 * catalog, one message per hub (and chunk of topics) goes on the
 * `parley-hub-pings` queue; nothing when HUB_URLS is empty. The consumer
 * posts `hub.mode=publish` with the topics, retries a failure (anything but
 * 2xx, or no answer) after HUB_RETRY_SCHEDULE's delays, and records each
 * outcome in the source's status (`hub_pings`).
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import { type HubPing, hubRetryDelay, hubTopics, pingBody, planHubPings } from "../../src/websub/hubs.ts";
import { readConfig } from "../config.ts";
import { sourceStub } from "../source-stub.ts";

const PING_TIMEOUT_MS = 10_000;

/** Queues the pings for published events; resolves to how many messages were sent. */
export async function queueHubPings(env: Env, source: string, events: readonly ChangeEvent[]): Promise<number> {
  const { hubs } = readConfig(env).websub;
  if (hubs.length === 0 || events.length === 0) return 0;
  const base = env.PUBLIC_BASE_URL?.trim();
  if (!base) {
    console.error("websub: HUB_URLS is set but PUBLIC_BASE_URL is not: the feeds' canonical URLs are unknown");
    return 0;
  }
  const pings = planHubPings(hubs, source, hubTopics(base, events));
  for (let i = 0; i < pings.length; i += 100)
    await env.HUB_PINGS.sendBatch(pings.slice(i, i + 100).map((body) => ({ body })));
  return pings.length;
}

function isHubPing(body: unknown): body is HubPing {
  const b = body as HubPing | null;
  return typeof b?.hub === "string" && typeof b.source === "string" && Array.isArray(b.topics);
}

async function postPing(ping: HubPing): Promise<string | null> {
  try {
    const r = await fetch(ping.hub, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: pingBody(ping.topics),
      redirect: "manual",
      signal: AbortSignal.timeout(PING_TIMEOUT_MS),
    });
    await r.body?.cancel();
    return r.status >= 200 && r.status < 300 ? null : `hub answered ${r.status}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export async function handleHubPingBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const schedule = readConfig(env).websub.retrySchedule;
  await Promise.all(
    batch.messages.map(async (message) => {
      if (!isHubPing(message.body)) {
        message.ack();
        return;
      }
      const ping = message.body;
      const error = await postPing(ping);
      const delay = error === null ? null : hubRetryDelay(schedule, message.attempts);
      const at = new Date().toISOString();
      const outcome = { at, hub: ping.hub, attempt: message.attempts, ok: error === null, final: delay === null };
      try {
        await sourceStub(env, ping.source).recordHubPing(error === null ? outcome : { ...outcome, error });
      } catch (err) {
        console.error(`websub: recording a ping outcome for ${ping.source} failed`, err);
      }
      if (delay === null) message.ack();
      else message.retry({ delaySeconds: Math.max(1, Math.round(delay)) });
    }),
  );
}
