/**
 * A source's poll bookkeeping and health: the last outcomes, the validators
 * for the next conditional request, and the consecutive-failure count that
 * turns into one `source.failing` event (and one `source.recovered` when a
 * poll succeeds again). Kept in the source's Durable Object, never in KV, so
 * an idle poll costs no KV write.
 */

export interface PollOutcome {
  at: string;
  result: "ok" | "not_modified" | "error" | "rejected";
  status?: number;
  bytes: number;
  items: number;
  events: number;
  duration_ms: number;
  error?: string;
}

export interface PollState {
  etag?: string;
  last_modified?: string;
  last_polled_at?: string;
  /** Newest first, at most MAX_OUTCOMES. */
  outcomes: PollOutcome[];
  consecutive_failures: number;
  /** When the current run of failures began. */
  failing_since?: string;
  /** True once source.failing was announced for the current run of failures. */
  failing_announced: boolean;
}

export const MAX_OUTCOMES = 20;

export function emptyPollState(): PollState {
  return { outcomes: [], consecutive_failures: 0, failing_announced: false };
}

export type HealthTransition = "failing" | "recovered" | null;

/** The state after one poll, and whether the source just became failing or recovered. */
export function recordPoll(
  state: PollState,
  outcome: PollOutcome,
  failureThreshold: number,
): { state: PollState; transition: HealthTransition } {
  const failed = outcome.result === "error" || outcome.result === "rejected";
  const next: PollState = {
    ...state,
    last_polled_at: outcome.at,
    outcomes: [outcome, ...state.outcomes].slice(0, MAX_OUTCOMES),
  };
  if (failed) {
    next.consecutive_failures = state.consecutive_failures + 1;
    next.failing_since = state.failing_since ?? outcome.at;
    if (!state.failing_announced && next.consecutive_failures >= failureThreshold) {
      next.failing_announced = true;
      return { state: next, transition: "failing" };
    }
    return { state: next, transition: null };
  }
  next.consecutive_failures = 0;
  delete next.failing_since;
  next.failing_announced = false;
  return { state: next, transition: state.failing_announced ? "recovered" : null };
}
