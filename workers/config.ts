/**
 * The Worker's configuration, read once from its string vars (wrangler.toml
 * [vars], .dev.vars, secrets) over their defaults (src/config/defaults.ts,
 * which wrangler.toml matches), each with the one parser of its type
 * (src/config/vars.ts). Everything that reads a var reads it here.
 */
import type { ClockThresholds } from "../src/clock/clock-events.ts";
import { DEFAULTS } from "../src/config/defaults.ts";
import { boolVar, listVar, numberVar } from "../src/config/vars.ts";
import {
  type DeliveryConfig,
  type DeliveryVars,
  deliveryConfig,
  parseRetrySchedule,
} from "../src/webhooks/delivery-config.ts";

/** How soon a failed publication (a source's outbox, a subscription's index or event), or a failed re-send of lost deliveries, is tried again. */
export const PUBLISH_RETRY_MS = 30_000;

export interface ParleyConfig {
  /** Largest document, pushed or polled (MAX_BODY_BYTES). */
  maxBodyBytes: number;
  poll: {
    /** POLL_TIMEOUT_MS: per poll, redirects and body included. */
    timeoutMs: number;
    /** SOURCE_FAILURE_THRESHOLD: failed polls in a row before `source.failing`. */
    failureThreshold: number;
    /** ALLOW_PRIVATE_SOURCES: http:// and private addresses allowed (local development only). */
    allowPrivate: boolean;
  };
  /** SCHEDULE_SOURCES: false when alarms only publish (polls and clock runs only when asked). */
  scheduleSources: boolean;
  /** DEADLINE_REMINDERS / MEETING_REMINDERS: the clock's thresholds. */
  reminders: ClockThresholds;
  publish: {
    /** PUBLISH_BATCH_EVENTS: most events one batch takes from an outbox. */
    maxEvents: number;
    /** PUBLISH_MAX_SUBREQUESTS: subrequests one batch may use. */
    maxSubrequests: number;
  };
  /** WEBHOOK_*, ALLOW_PRIVATE_WEBHOOKS, PUBLIC_BASE_URL. */
  webhooks: DeliveryConfig;
  /** CALENDAR_REFRESH_MINUTES, in seconds: how often calendar clients are asked to refresh. */
  calendarRefreshSeconds: number;
  websub: {
    /** HUB_URLS: the hubs to ping (none: WebSub off). */
    hubs: readonly string[];
    /** HUB_RETRY_SCHEDULE: seconds before each retry of a ping. */
    retrySchedule: readonly number[];
  };
}

/** The vars read (all optional strings: unset means the default). */
export interface ConfigVars extends DeliveryVars {
  MAX_BODY_BYTES?: string;
  POLL_TIMEOUT_MS?: string;
  SOURCE_FAILURE_THRESHOLD?: string;
  ALLOW_PRIVATE_SOURCES?: string;
  SCHEDULE_SOURCES?: string;
  DEADLINE_REMINDERS?: string;
  MEETING_REMINDERS?: string;
  PUBLISH_BATCH_EVENTS?: string;
  PUBLISH_MAX_SUBREQUESTS?: string;
  CALENDAR_REFRESH_MINUTES?: string;
  HUB_URLS?: string;
  HUB_RETRY_SCHEDULE?: string;
}

const int = { integer: true };

export function readConfig(env: ConfigVars): ParleyConfig {
  return {
    maxBodyBytes: numberVar(env.MAX_BODY_BYTES, DEFAULTS.maxBodyBytes, int),
    poll: {
      timeoutMs: numberVar(env.POLL_TIMEOUT_MS, DEFAULTS.pollTimeoutMs, int),
      failureThreshold: numberVar(env.SOURCE_FAILURE_THRESHOLD, DEFAULTS.sourceFailureThreshold, int),
      allowPrivate: boolVar(env.ALLOW_PRIVATE_SOURCES, DEFAULTS.allowPrivateSources),
    },
    scheduleSources: boolVar(env.SCHEDULE_SOURCES, DEFAULTS.scheduleSources),
    reminders: {
      deadline: listVar(env.DEADLINE_REMINDERS, DEFAULTS.deadlineReminders),
      meeting: listVar(env.MEETING_REMINDERS, DEFAULTS.meetingReminders),
    },
    publish: {
      maxEvents: numberVar(env.PUBLISH_BATCH_EVENTS, DEFAULTS.publishBatchEvents, int),
      maxSubrequests: numberVar(env.PUBLISH_MAX_SUBREQUESTS, DEFAULTS.publishMaxSubrequests, int),
    },
    webhooks: deliveryConfig(env),
    calendarRefreshSeconds: numberVar(env.CALENDAR_REFRESH_MINUTES, DEFAULTS.calendarRefreshMinutes, int) * 60,
    websub: {
      hubs: listVar(env.HUB_URLS, DEFAULTS.hubUrls),
      retrySchedule: env.HUB_RETRY_SCHEDULE?.trim()
        ? parseRetrySchedule(env.HUB_RETRY_SCHEDULE)
        : DEFAULTS.hubRetrySchedule,
    },
  };
}
