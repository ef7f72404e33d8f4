/**
 * Webhook delivery settings, read from the Worker's string vars
 * (wrangler.toml [vars]) with the defaults.
 */
import { DEFAULT_DISABLE_OPTIONS, type DisableOptions, RETRY_SCHEDULE_SECONDS } from "./retry-policy.ts";

export interface DeliveryConfig {
  /** Per-delivery timeout (WEBHOOK_TIMEOUT_MS, default 10 s). */
  timeoutMs: number;
  /** Seconds to wait after attempt 1, 2, … (WEBHOOK_RETRY_SCHEDULE); its length is the number of retries. */
  schedule: readonly number[];
  /** WEBHOOK_MAX_CONSECUTIVE_FAILURES / WEBHOOK_MAX_FAILURE_DAYS. */
  disable: DisableOptions;
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
  ALLOW_PRIVATE_WEBHOOKS?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

/** "5,300,1800" → [5, 300, 1800]; anything unreadable falls back to the default schedule. */
export function parseRetrySchedule(value: string | undefined): readonly number[] {
  if (!value?.trim()) return RETRY_SCHEDULE_SECONDS;
  const parts = value.split(",").map((s) => Number(s.trim()));
  return parts.every((n) => Number.isFinite(n) && n >= 0) ? parts : RETRY_SCHEDULE_SECONDS;
}

export function deliveryConfig(vars: DeliveryVars): DeliveryConfig {
  return {
    timeoutMs: positive(vars.WEBHOOK_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
    schedule: parseRetrySchedule(vars.WEBHOOK_RETRY_SCHEDULE),
    disable: {
      maxConsecutive: positive(vars.WEBHOOK_MAX_CONSECUTIVE_FAILURES, DEFAULT_DISABLE_OPTIONS.maxConsecutive),
      maxFailureDays: positive(vars.WEBHOOK_MAX_FAILURE_DAYS, DEFAULT_DISABLE_OPTIONS.maxFailureDays),
    },
    allowPrivate: vars.ALLOW_PRIVATE_WEBHOOKS?.trim().toLowerCase() === "true",
    ...(/^https?:\/\//.test(vars.PUBLIC_BASE_URL ?? "") && {
      publicBaseUrl: vars.PUBLIC_BASE_URL?.replace(/\/+$/, ""),
    }),
  };
}

/** The page of the item (or the event log, for operational events) an event links to. */
export function eventUrl(
  config: DeliveryConfig,
  event: { source: string; item: { kind: string; id: string } },
): string | undefined {
  if (!config.publicBaseUrl) return undefined;
  const { kind, id } = event.item;
  if (kind === "deadline" || kind === "meeting") {
    return `${config.publicBaseUrl}/feeds/items/${encodeURIComponent(event.source)}/${kind}/${encodeURIComponent(id)}.rss`;
  }
  return `${config.publicBaseUrl}/feeds/changes.rss`;
}
