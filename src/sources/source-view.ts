import type { PollState } from "../poll/poll-health.ts";
import type { SourceConfig } from "./source-config.ts";
import type { SourceStatus } from "./source-status.ts";

/** How a source looks from the API: config, ingest status, and poll health (never the validators). */
export interface SourceView {
  config: SourceConfig;
  status: SourceStatus;
  poll: Omit<PollState, "etag" | "last_modified">;
}

export function sourceView(config: SourceConfig, status: SourceStatus, poll: PollState): SourceView {
  const { etag: _e, last_modified: _l, ...visible } = poll;
  return { config, status, poll: visible };
}
