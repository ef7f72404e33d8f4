/**
 * When a source's Durable Object should next wake: events waiting to be
 * published (at once, or at the retry time after a failure), its next poll,
 * or its next clock moment — whichever comes first. Null: nothing to do until
 * someone pushes or changes it.
 */
export interface WakeInput {
  now: number;
  /** Events or items waiting in the outbox. */
  pending: boolean;
  /** Set after a failed publish: when to try again. */
  retryAt?: number;
  /** The source's url is set: it is polled every interval. */
  polled: boolean;
  intervalMinutes: number;
  lastPolledAt?: string;
  /** From nextClockAt. */
  clockAt: number | null;
}

/** A poll is due when its interval has elapsed, less this much slack for alarm jitter. */
export const POLL_SLACK_MS = 30_000;

export function pollDue(
  polled: boolean,
  intervalMinutes: number,
  lastPolledAt: string | undefined,
  now: number,
): boolean {
  if (!polled) return false;
  if (lastPolledAt === undefined) return true;
  return now - Date.parse(lastPolledAt) >= intervalMinutes * 60_000 - POLL_SLACK_MS;
}

export function nextWake(w: WakeInput): number | null {
  const candidates: number[] = [];
  if (w.pending) candidates.push(w.retryAt ?? w.now);
  if (w.polled) {
    const last = w.lastPolledAt === undefined ? Number.NaN : Date.parse(w.lastPolledAt);
    candidates.push(Number.isNaN(last) ? w.now : last + w.intervalMinutes * 60_000);
  }
  if (w.clockAt !== null) candidates.push(w.clockAt);
  return candidates.length ? Math.max(w.now, Math.min(...candidates)) : null;
}
