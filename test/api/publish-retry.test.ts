import { env, runDurableObjectAlarm } from "cloudflare:test";
import { expect, it } from "vitest";
import { createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";
import { breakSourcePublish } from "../support/failing-kv.ts";

it("a failed write to the read model loses nothing: the change is kept in the outbox and published by the retry alarm", async () => {
  const source = uniqueSource("outage");
  await createSource(source);
  await ingest(source, examples.json0418);
  const stub = env.SOURCES.getByName(source);
  const restore = await breakSourcePublish(stub);
  const r = await ingest(source, examples.json0423);
  expect(r.status).toBe(202);
  const body = await json(r);
  expect(body.published).toBe(false);
  expect(body.events.map((e: { type: string }) => e.type)).toEqual(["meeting.downgraded"]);
  const view = await json(get(`/api/sources/${source}`));
  expect(view.status.publish_error.message).toMatch(/catalog unavailable/);
  expect((await json(get(`/api/events?source=${source}`))).events).toEqual([]);
  // Re-sending the document now is "unchanged": the change was applied once and is not detected again.
  expect((await json(ingest(source, examples.json0423))).events).toEqual([]);

  await restore();
  expect(await runDurableObjectAlarm(stub)).toBe(true);
  const events = (await json(get(`/api/events?source=${source}`))).events;
  expect(events.map((e: { id: string }) => e.id)).toEqual([body.events[0].id]);
  const item = await json(get(`/api/items/${source}/meeting/london-talks-2025-04-23`));
  expect(item.item.level).toBe("officials");
  expect((await json(get(`/api/sources/${source}`))).status.publish_error).toBeUndefined();
});
