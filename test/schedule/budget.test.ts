import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index.ts";
import { createSource, ingest, uniqueSource } from "../support/api.ts";
import { countingEnv } from "../support/counting-env.ts";
import { examples } from "../support/examples.ts";

/** What docs/budget.md counts per cron run and per feed read (tested, not estimated). */
describe("what a cron run and a feed read cost", () => {
  it("an idle cron run: one catalog request, no KV operation, no queue message", async () => {
    for (let i = 0; i < 10; i++) await createSource(uniqueSource("budget"));
    const now = Date.now();
    // The first run wakes every source nothing has woken yet (the daily sweep); the next is idle.
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "*/5 * * * *" }), env);
    const { env: counted, counts } = countingEnv(env);
    await worker.scheduled(
      createScheduledController({ scheduledTime: now + 5 * 60_000, cron: "*/5 * * * *" }),
      counted,
    );
    expect(counts).toEqual({ kv: {}, queueMessages: 0, doRequests: { CATALOG: 1 } });
  });

  it("a filtered feed read (and its 304): one catalog request each, no KV operation", async () => {
    const source = uniqueSource("budget");
    await createSource(source);
    await ingest(source, examples.json0418);
    await ingest(source, examples.json0423);
    const url = `https://parley.test/feeds/changes.rss?source=${source}&tag=ukraine`;
    const read = async (headers: Record<string, string> = {}) => {
      const { env: counted, counts } = countingEnv(env);
      const ctx = createExecutionContext();
      const response = await worker.fetch(new Request(url, { headers }), counted, ctx);
      await waitOnExecutionContext(ctx);
      return { response, counts };
    };
    const first = await read();
    expect(first.response.status).toBe(200);
    expect(first.counts).toEqual({ kv: {}, queueMessages: 0, doRequests: { CATALOG: 1 } });
    const again = await read({ "if-none-match": first.response.headers.get("etag") ?? "" });
    expect(again.response.status).toBe(304);
    expect(again.counts).toEqual({ kv: {}, queueMessages: 0, doRequests: { CATALOG: 1 } });
  });
});
