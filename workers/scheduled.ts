/**
 * The cron trigger: a sweep, not a fan-out. Each source's Durable Object keeps
 * its own alarm for its next poll, clock moment or publish retry, so an idle
 * cron run costs one catalog request and sends no queue message. The sweep
 * asks the catalog for sources whose alarm seems lost (overdue and silent
 * since) or that nothing woke for a day, and wakes them — each wake only sets
 * that object's alarm, so a hanging source never holds up another.
 */
import { catalogStub } from "./catalog-stub.ts";
import { sourceStub } from "./source-stub.ts";

/** A source is overdue when its wake time passed this long ago without a report. */
export const SWEEP_GRACE_MS = 10 * 60_000;
/** Every source is woken at least this often, whatever it reported. */
export const SWEEP_STALE_MS = 24 * 3_600_000;
/** Sources woken per run: each wake is one subrequest (50 per invocation on the free plan). */
export const SWEEP_MAX = 40;

export async function sweepSources(env: Env, now: number): Promise<string[]> {
  const ids = await catalogStub(env).overdue(now, SWEEP_GRACE_MS, SWEEP_STALE_MS, SWEEP_MAX);
  const results = await Promise.allSettled(ids.map((id) => sourceStub(env, id).wake()));
  results.forEach((r, i) => {
    if (r.status === "rejected") console.error(`sweep: waking source ${ids[i]} failed`, String(r.reason));
  });
  return ids;
}
