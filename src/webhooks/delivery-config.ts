/**
 * Webhook delivery settings, read from the Worker's string vars
 * (wrangler.toml [vars]) over their defaults (src/config/defaults.ts) with the
 * parsers every var uses (src/config/vars.ts). workers/config.ts reads them
 * with the rest of the configuration.
 */
import { WEBHOOK_TIMEOUT_MS } from "../config/defaults.ts";
import { baseUrlVar, boolVar, numberListVar, numberVar } from "../config/vars.ts";
import { boardLink } from "../render/event-link.ts";
import { RETRY_SCHEDULE_SECONDS } from "./retry-policy.ts";
import { DEFAULT_DISABLE_POLICY, type DisablePolicy } from "./subscription-health.ts";

export interface DeliveryConfig {
  /** Per-delivery timeout (WEBHOOK_TIMEOUT_MS, default 10 s). */
  timeoutMs: number;
  /** Seconds to wait after attempt 1, 2, … (WEBHOOK_RETRY_SCHEDULE); its length is the number of retries. */
  schedule: readonly number[];
  /**
   * When a failing subscription is disabled: after WEBHOOK_MAX_CONSECUTIVE_FAILURES failed
   * attempts in a row (50) that have also lasted WEBHOOK_MAX_FAILURE_DAYS (5; fractions allowed),
   * or WEBHOOK_MAX_FAILURE_SECONDS when that is set (it takes precedence: for tests and local runs).
   */
  disable: DisablePolicy;
  /** ALLOW_PRIVATE_WEBHOOKS=true: http:// and private addresses allowed (local development only). */
  allowPrivate: boolean;
  /** PUBLIC_BASE_URL: where this parley is reachable, for the "View in parley" link of chat messages. */
  publicBaseUrl?: string;
}

export interface DeliveryVars {
  PUBLIC_BASE_URL?: string;
  WEBHOOK_TIMEOUT_MS?: string;
  WEBHOOK_RETRY_SCHEDULE?: string;
  WEBHOOK_MAX_CONSECUTIVE_FAILURES?: string;
  WEBHOOK_MAX_FAILURE_DAYS?: string;
  WEBHOOK_MAX_FAILURE_SECONDS?: string;
  ALLOW_PRIVATE_WEBHOOKS?: string;
}

const DAY_MS = 86_400_000;

/** "5,300,1800" → [5, 300, 1800]; anything unreadable falls back to the default schedule. */
export function parseRetrySchedule(value: string | undefined): readonly number[] {
  return numberListVar(value, RETRY_SCHEDULE_SECONDS);
}

/** WEBHOOK_MAX_CONSECUTIVE_FAILURES and the time limit (WEBHOOK_MAX_FAILURE_SECONDS, else WEBHOOK_MAX_FAILURE_DAYS). */
export function disablePolicy(vars: DeliveryVars): DisablePolicy {
  const seconds = numberVar(vars.WEBHOOK_MAX_FAILURE_SECONDS, 0);
  const days = numberVar(vars.WEBHOOK_MAX_FAILURE_DAYS, DEFAULT_DISABLE_POLICY.maxFailureMs / DAY_MS);
  return {
    maxConsecutive: Math.ceil(numberVar(vars.WEBHOOK_MAX_CONSECUTIVE_FAILURES, DEFAULT_DISABLE_POLICY.maxConsecutive)),
    maxFailureMs: Math.round(seconds > 0 ? seconds * 1000 : days * DAY_MS),
  };
}

export function deliveryConfig(vars: DeliveryVars): DeliveryConfig {
  const publicBaseUrl = baseUrlVar(vars.PUBLIC_BASE_URL);
  return {
    timeoutMs: numberVar(vars.WEBHOOK_TIMEOUT_MS, WEBHOOK_TIMEOUT_MS),
    schedule: parseRetrySchedule(vars.WEBHOOK_RETRY_SCHEDULE),
    disable: disablePolicy(vars),
    allowPrivate: boolVar(vars.ALLOW_PRIVATE_WEBHOOKS),
    ...(publicBaseUrl !== undefined && { publicBaseUrl }),
  };
}

/**
 * Where a chat message's "View in parley" link leads: the item's page on the
 * board (`/items/{source}/{kind}/{id}`), a source's page for its health events,
 * else the board's front page. Only with PUBLIC_BASE_URL set.
 */
export function eventUrl(
  config: DeliveryConfig,
  event: { source: string; item: { kind: string; id: string } },
): string | undefined {
  return config.publicBaseUrl ? boardLink(config.publicBaseUrl, event) : undefined;
}
