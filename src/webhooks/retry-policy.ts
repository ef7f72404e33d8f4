/**
 * When to retry a failed webhook delivery (when to give up on a subscription
 * is subscription-health.ts).
 *
 * Attempts are counted from 1: attempt 1 is the first delivery. After attempt
 * n fails, the next try waits `RETRY_SCHEDULE_SECONDS[n - 1]` (±20% jitter);
 * once the schedule is used up (attempt 8 failed) the message is dead-lettered.
 * That is 8 attempts over about 28 hours.
 */
import { DEFAULTS } from "../config/defaults.ts";
import { parseRfc822 } from "../time/rfc822.ts";

/** 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_SCHEDULE_SECONDS: readonly number[] = DEFAULTS.webhookRetrySchedule;

/** ±20%: each delay is multiplied by a factor uniformly drawn from [0.8, 1.2). */
export const RETRY_JITTER = 0.2;

/**
 * Longest delay ever returned, even when Retry-After asks for more: 12 h,
 * which is also the longest delay Cloudflare Queues accepts (`delaySeconds`).
 */
export const MAX_RETRY_DELAY_SECONDS = 12 * 60 * 60;

export interface NextRetryOptions {
  /** The response's Retry-After header, if any. Honoured only with status 429 or 503. */
  retryAfter?: string | null;
  /** HTTP status of the failed attempt; absent for a timeout or network error. */
  status?: number;
  /** [0, 1) source for jitter; Math.random by default. */
  random?: () => number;
  /** Now, in ms since the epoch, for an HTTP-date Retry-After; Date.now() by default. */
  now?: number;
  /** Cap in seconds; MAX_RETRY_DELAY_SECONDS by default. */
  maxDelaySeconds?: number;
  /** Delays in seconds after attempts 1, 2, …; RETRY_SCHEDULE_SECONDS by default (e.g. WEBHOOK_RETRY_SCHEDULE). */
  schedule?: readonly number[];
}

/**
 * Seconds to wait before the next attempt after attempt number `attempt`
 * (1-based) failed, or null when retries are exhausted (→ dead letter).
 * With a 429/503 and a Retry-After, the delay is max(jittered schedule,
 * Retry-After), capped at `maxDelaySeconds`. Whole seconds, at least 1.
 */
export function nextRetryDelay(attempt: number, opts: NextRetryOptions = {}): number | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError("attempt must be a whole number from 1");
  const schedule = opts.schedule ?? RETRY_SCHEDULE_SECONDS;
  if (attempt > schedule.length) return null;
  const random = opts.random ?? Math.random;
  const cap = opts.maxDelaySeconds ?? MAX_RETRY_DELAY_SECONDS;
  const base = schedule[attempt - 1];
  let delay = base * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random());
  if ((opts.status === 429 || opts.status === 503) && opts.retryAfter) {
    const asked = parseRetryAfter(opts.retryAfter, opts.now ?? Date.now());
    if (asked !== null) delay = Math.max(delay, asked);
  }
  return Math.max(1, Math.min(cap, Math.round(delay)));
}

/**
 * A Retry-After value in seconds from `now` (ms since the epoch): either
 * delta-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`).
 * A date in the past gives 0; anything unreadable gives null.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = parseRfc822(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
