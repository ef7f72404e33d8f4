/** What a source's status says about the WebSub pings its published events caused. */
import { truncate } from "../text/excerpt.ts";

export interface HubPingStatus {
  /** Pings a hub accepted (2xx). */
  sent: number;
  /** Pings given up after the last retry. */
  failed: number;
  last_ok_at?: string;
  last_error?: { at: string; hub: string; attempt: number; message: string; final: boolean };
}

export interface HubPingOutcome {
  at: string;
  hub: string;
  attempt: number;
  ok: boolean;
  /** Set when the ping failed: the hub's status or the network error. */
  error?: string;
  /** True when no retry follows. */
  final: boolean;
}

export function hubPingsAfter(status: HubPingStatus | undefined, o: HubPingOutcome): HubPingStatus {
  const s: HubPingStatus = { sent: 0, failed: 0, ...status };
  if (o.ok) return { ...s, sent: s.sent + 1, last_ok_at: o.at };
  return {
    ...s,
    failed: s.failed + (o.final ? 1 : 0),
    last_error: {
      at: o.at,
      hub: o.hub,
      attempt: o.attempt,
      message: truncate(o.error ?? "failed", 500),
      final: o.final,
    },
  };
}
