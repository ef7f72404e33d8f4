/**
 * One delivery attempt: the body in the subscription's format, Standard
 * Webhooks headers (standard format only; every still-valid secret signs),
 * POST with a timeout and without following redirects. Never throws: the
 * outcome says what happened. Neither the secret nor the response body is
 * returned.
 */
import type { ChangeEvent } from "../events/event.ts";
import { userAgent } from "../version.ts";
import { buildPayload } from "./payload.ts";
import { signWebhook } from "./sign.ts";
import type { WebhookFormat } from "./subscription-schema.ts";

export interface PostWebhookInput {
  url: string;
  format: WebhookFormat;
  event: ChangeEvent;
  /** Secrets that sign (current first); ignored for slack/discord. */
  secrets: string[];
  timeoutMs: number;
  /** Link to the event's page in parley (Slack/Discord formats). */
  eventUrl?: string | undefined;
  /** PUBLIC_BASE_URL, named in the User-Agent when set. */
  publicBaseUrl?: string | undefined;
  /** The source's title, for chat messages (else they name its id). */
  sourceName?: string | undefined;
  /** ms since the epoch (the webhook-timestamp). */
  now: number;
  fetchImpl?: (input: string, init: RequestInit) => Promise<Response>;
}

export interface AttemptOutcome {
  ok: boolean;
  status?: number;
  retryAfter?: string;
  durationMs: number;
  error?: string;
}

export async function postWebhook(input: PostWebhookInput): Promise<AttemptOutcome> {
  const body = buildPayload(input.event, input.format, {
    ...(input.eventUrl && { eventUrl: input.eventUrl }),
    ...(input.sourceName && { sourceName: input.sourceName }),
  });
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": userAgent(input.publicBaseUrl),
  };
  if (input.format === "standard") {
    Object.assign(
      headers,
      await signWebhook({
        id: input.event.id,
        timestamp: Math.floor(input.now / 1000),
        body,
        secrets: input.secrets,
      }),
    );
  }
  const doFetch = input.fetchImpl ?? ((u: string, init: RequestInit) => fetch(u, init));
  const started = Date.now();
  try {
    const res = await doFetch(input.url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    const durationMs = Date.now() - started;
    const retryAfter = res.headers.get("retry-after") ?? undefined;
    const ok = res.status >= 200 && res.status < 300;
    const outcome: AttemptOutcome = { ok, status: res.status, durationMs };
    if (retryAfter !== undefined) outcome.retryAfter = retryAfter;
    if (!ok) {
      outcome.error =
        res.status >= 300 && res.status < 400
          ? `HTTP ${res.status}: redirects are not followed`
          : `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
    }
    return outcome;
  } catch (err) {
    const durationMs = Date.now() - started;
    const name = err instanceof Error ? err.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      return { ok: false, durationMs, error: `timed out after ${input.timeoutMs} ms` };
    }
    return { ok: false, durationMs, error: `network error: ${err instanceof Error ? err.message : String(err)}` };
  }
}
