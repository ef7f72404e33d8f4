import type { PollState } from "../poll/poll-health.ts";
import type { SourceConfig } from "./source-config.ts";
import type { SourceStatus } from "./source-status.ts";

/** How a source looks from the API: config, ingest status, and poll health (never the validators). */
export interface SourceView {
  config: SourceConfig;
  status: SourceStatus;
  poll: Omit<PollState, "etag" | "last_modified">;
  /** Events committed and not yet published (the alarm publishes them in batches). */
  outbox: number;
}

export function sourceView(config: SourceConfig, status: SourceStatus, poll: PollState, outbox: number): SourceView {
  const { etag: _e, last_modified: _l, ...visible } = poll;
  return { config, status, poll: visible, outbox };
}
