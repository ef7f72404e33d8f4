/**
 * One poll of a source's url, in named stages: fetch (conditional, bounded,
 * timed), read the response into an outcome and maybe a document, ingest the
 * document through the same path as a push, then record the outcome (poll
 * health, validators, a rejection in the status, a source.failing /
 * source.recovered event in the outbox) in one commit.
 */
import type { ChangeEvent } from "../../src/events/event.ts";
import type { UpdateDocument } from "../../src/model/document.ts";
import { fetchSource } from "../../src/poll/fetch-source.ts";
import { type PollState, recordPoll } from "../../src/poll/poll-health.ts";
import { pollStep } from "../../src/poll/poll-outcome.ts";
import type { SourceConfig } from "../../src/sources/source-config.ts";
import { sourceHealthEvent } from "../../src/sources/source-health-event.ts";
import type { SourceStatus } from "../../src/sources/source-status.ts";
import { statusAfterRejection } from "../../src/sources/status-bookkeeping.ts";
import { toUtcIso } from "../../src/time/instant.ts";
import { userAgent } from "../../src/version.ts";
import { readConfig } from "../config.ts";
import type { IngestResult, PollReport } from "./apply-ingest.ts";
import type { Commit } from "./source-store.ts";

export interface PollHooks {
  pollState(): PollState;
  ingest(document: UpdateDocument, at: string): Promise<IngestResult | null>;
  /** Runs `build` inside the single writer and commits what it returns. */
  record(build: (poll: PollState, status: SourceStatus) => Promise<Commit>): Promise<void>;
}

/** Poll state without the conditional-request validators (both are replaced together). */
function withoutValidators(state: PollState): PollState {
  const { etag: _etag, last_modified: _lastModified, ...rest } = state;
  return rest;
}

export async function pollSource(env: Env, config: SourceConfig, now: number, hooks: PollHooks): Promise<PollReport> {
  const before = hooks.pollState();
  const at = toUtcIso(now);
  const settings = readConfig(env);
  const fetched = await fetchSource(config.url ?? "", {
    etag: before.etag,
    lastModified: before.last_modified,
    timeoutMs: settings.poll.timeoutMs,
    maxBytes: settings.maxBodyBytes,
    userAgent: userAgent(env.PUBLIC_BASE_URL),
    allowPrivate: settings.poll.allowPrivate,
  });
  const step = pollStep(fetched, config.format, at);
  const events: ChangeEvent[] = [];
  if (step.document) {
    const result = await hooks.ingest(step.document, at);
    if (result?.refused) {
      step.outcome.result = "rejected";
      step.outcome.error = result.refused;
    } else if (result) {
      events.push(...result.events);
      step.outcome.events = result.events.length;
    }
  }
  let health: ChangeEvent | undefined;
  const threshold = settings.poll.failureThreshold;
  await hooks.record(async (poll, status) => {
    const base = step.validators ? { ...withoutValidators(poll), ...step.validators } : poll;
    const { state: next, transition } = recordPoll(base, step.outcome, threshold);
    const meta: Record<string, unknown> = { poll: next };
    if (step.outcome.result === "rejected" && step.outcome.error) {
      meta.status = statusAfterRejection(status, "poll", step.outcome.error, at);
    }
    if (transition) {
      health = await sourceHealthEvent({
        source: config.id,
        ...(config.title !== undefined && { title: config.title }),
        ...(config.url !== undefined && { url: config.url }),
        transition,
        failingSince: (transition === "failing" ? next.failing_since : poll.failing_since) ?? at,
        consecutiveFailures: transition === "failing" ? next.consecutive_failures : poll.consecutive_failures,
        ...(step.outcome.error !== undefined && { lastError: step.outcome.error }),
        now: at,
      });
    }
    return { meta, ...(health && { events: [health] }) };
  });
  return { outcome: step.outcome, events: health ? [...events, health] : events };
}
