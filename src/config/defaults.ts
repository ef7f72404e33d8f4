/**
 * The default of every Worker var (wrangler.toml [vars] sets the same values:
 * test/config/config.test.ts checks that they match), in one place. The
 * domain modules that have a default of their own (the retry schedule, the
 * reminder thresholds, the disable policy, the poll's limits) take it from
 * here; workers/config.ts reads the vars over these.
 */
import { MAX_DOCUMENT_BYTES } from "../ingest/limits.ts";

/** Largest document, pushed or polled (MAX_BODY_BYTES): the update-feed spec's limit. */
export const MAX_BODY_BYTES = MAX_DOCUMENT_BYTES;
/** One poll, redirects and body included (POLL_TIMEOUT_MS). */
export const POLL_TIMEOUT_MS = 10_000;
/** One webhook delivery (WEBHOOK_TIMEOUT_MS). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export const DEFAULTS = {
  maxBodyBytes: MAX_BODY_BYTES,
  pollTimeoutMs: POLL_TIMEOUT_MS,
  /** Failed polls in a row before `source.failing`. */
  sourceFailureThreshold: 3,
  /** Sources poll and run their clock by their own alarm. */
  scheduleSources: true,
  deadlineReminders: ["7d", "72h", "24h", "1h"] as readonly string[],
  meetingReminders: ["24h", "1h"] as readonly string[],
  webhookTimeoutMs: WEBHOOK_TIMEOUT_MS,
  /** Seconds before each retry: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
  webhookRetrySchedule: [5, 300, 1800, 7200, 18000, 36000, 36000] as readonly number[],
  webhookMaxConsecutiveFailures: 50,
  webhookMaxFailureDays: 5,
  allowPrivateWebhooks: false,
  allowPrivateSources: false,
  publishBatchEvents: 100,
  publishMaxSubrequests: 30,
  publicBaseUrl: "",
  /** Calendars' REFRESH-INTERVAL / X-PUBLISHED-TTL, in minutes. */
  calendarRefreshMinutes: 15,
  /** WebSub hubs to notify (none by default). */
  hubUrls: [] as readonly string[],
  /** Seconds before each retry of a hub ping. */
  hubRetrySchedule: [10, 60, 300, 1800, 7200] as readonly number[],
} as const;
