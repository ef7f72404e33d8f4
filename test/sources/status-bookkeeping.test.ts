import { describe, expect, it } from "vitest";
import { emptyStatus } from "../../src/sources/source-status.ts";
import {
  MAX_STORED_ERROR_CHARS,
  statusAfterIngest,
  statusAfterPublish,
  statusAfterRejection,
} from "../../src/sources/status-bookkeeping.ts";

const outcome = { at: "2025-04-18T00:00:00Z", via: "push" as const, items: 6, events: 2, stale: 1, unchanged: 3 };

describe("status bookkeeping", () => {
  it("an ingest counts itself, its events and stale revisions, and sets the live item count", () => {
    const s = statusAfterIngest(emptyStatus(), outcome, 6);
    expect(s).toMatchObject({ baselined: true, last_ingest: outcome });
    expect(s.counts).toEqual({ ingests: 1, items: 6, events: 2, stale: 1, rejected: 0 });
  });

  it("a rejection keeps a bounded copy of its message", () => {
    const s = statusAfterRejection(emptyStatus(), "poll", "x".repeat(4 * 1024 * 1024), "2025-04-18T00:00:00Z");
    expect(s.counts.rejected).toBe(1);
    expect([...(s.last_error?.message ?? "")]).toHaveLength(MAX_STORED_ERROR_CHARS);
    expect(s.last_error?.message.endsWith("…")).toBe(true);
  });

  it("a publish error is recorded, and cleared by the next success", () => {
    const failed = statusAfterPublish(emptyStatus(), { at: "t", message: "down" });
    expect(failed.publish_error).toEqual({ at: "t", message: "down" });
    expect(statusAfterPublish(failed, null).publish_error).toBeUndefined();
  });
});
