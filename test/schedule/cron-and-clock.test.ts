import { createScheduledController, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index.ts";
import { sourceStub } from "../../workers/source-stub.ts";
import { createSource, get, ingest, json, readModel, uniqueSource } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import { examples } from "../support/examples.ts";
import { enableSchedule } from "../support/schedule.ts";

const HOUR = 3_600_000;

function deadlineDoc(due: string, updated_at: string) {
  return JSON.stringify({
    version: "1",
    items: [
      {
        kind: "deadline",
        id: "minerals",
        title: "Minerals deal",
        due,
        timezone: "America/New_York",
        status: "open",
        tags: ["minerals"],
        updated_at,
      },
    ],
  });
}

async function clockTypes(source: string) {
  const log = await json(get(`/api/events?source=${source}&limit=200`));
  return log.events.map((e: { type: string; item: { id: string } }) => e.type).reverse();
}

async function runCron(scheduledTime: number) {
  await worker.scheduled(createScheduledController({ scheduledTime, cron: "*/5 * * * *" }), env);
}

describe("the cron run", () => {
  it("wakes each source, whose own alarm polls it; a hanging source does not hold up the others", async () => {
    const good = uniqueSource("good");
    const slow = uniqueSource("slow");
    await fetch(`${env.LOOPBACK_URL}/docs/${good}`, { method: "PUT", body: examples.json0418 });
    await createSource(good, { url: `${env.LOOPBACK_URL}/docs/${good}` });
    await createSource(slow, { url: `${env.LOOPBACK_URL}/sources/hang?key=${slow}` });
    // Each source's own alarm polls it; the cron run only wakes sources whose alarm seems lost.
    for (const s of [good, slow]) await enableSchedule(s);
    await runCron(Date.now());
    const goodView = await eventually(async () => {
      const v = await json(get(`/api/sources/${good}`));
      expect(v.poll.outcomes[0]?.result).toBe("ok");
      return v;
    });
    expect(goodView.status.counts.items).toBe(6);
    await eventually(async () => {
      const v = await json(get(`/api/sources/${slow}`));
      expect(v.poll.outcomes[0]?.error).toMatch(/timed out/);
    });
  });
});

describe("clock events from the scheduled run", () => {
  it("2030-04-24 in America/New_York lapses at 04:00 UTC on 25 April, once", async () => {
    const source = uniqueSource("clock");
    await createSource(source);
    await ingest(source, deadlineDoc("2030-04-24", "2025-04-17T21:00:00Z"));
    const stub = sourceStub(env, source);
    await stub.tick(Date.parse("2030-04-25T03:59:59Z"));
    expect(await clockTypes(source)).not.toContain("deadline.lapsed");
    await stub.tick(Date.parse("2030-04-25T04:00:00Z"));
    await stub.tick(Date.parse("2030-04-25T05:00:00Z"));
    const log = await json(get(`/api/events?source=${source}&type=deadline.lapsed`));
    expect(log.events).toHaveLength(1);
    expect(log.events[0]).toMatchObject({ occurred_at: "2030-04-25T04:00:00Z", severity: "major" });
    // It is part of the item's history and its feed.
    const item = await json(get(`/api/items/${source}/deadline/minerals`));
    expect(item.history.map((e: { id: string }) => e.id)).toContain(log.events[0].id);
  });

  it("each threshold fires once across many runs; moving the due later re-arms them", async () => {
    const source = uniqueSource("clock");
    await createSource(source);
    await ingest(source, deadlineDoc("2030-04-24", "2025-04-10T00:00:00Z"));
    const stub = sourceStub(env, source);
    const start = Date.parse("2030-04-15T00:00:00Z");
    for (let t = start; t <= start + 11 * 24 * HOUR; t += HOUR) await stub.tick(t);
    expect(await clockTypes(source)).toEqual([
      "deadline.approaching",
      "deadline.approaching",
      "deadline.approaching",
      "deadline.approaching",
      "deadline.lapsed",
    ]);
    const extended = await json(ingest(source, deadlineDoc("2030-05-01", "2025-04-26T00:00:00Z")));
    expect(extended.events.map((e: { type: string }) => e.type)).toEqual(["deadline.extended"]);
    for (let t = Date.parse("2030-04-29T00:00:00Z"); t <= Date.parse("2030-05-03T00:00:00Z"); t += HOUR) {
      await stub.tick(t);
    }
    // Every reminder fired again for the new due time, once each (the 7-day one as the 26 April extension came in time for it).
    const log = await json(get(`/api/events?source=${source}&limit=200`));
    const forNewDue = log.events
      .filter((e: { item: { due: string }; kinds: string[] }) => e.item.due === "2030-05-01")
      .map((e: { summary: string }) => e.summary.replace("Minerals deal: ", ""))
      .sort();
    expect(forNewDue).toEqual([
      "deadline lapsed (due 2030-05-01, end of day America/New_York)",
      "due in 1 hour (2030-05-01, end of day America/New_York)",
      "due in 24 hours (2030-05-01, end of day America/New_York)",
      "due in 7 days (2030-05-01, end of day America/New_York)",
      "due in 72 hours (2030-05-01, end of day America/New_York)",
      "extended from 2030-04-24 to 2030-05-01",
    ]);
  });

  it("a due moved away and back again fires no second lapse or reminder for a due time already done", async () => {
    const source = uniqueSource("clock");
    await createSource(source);
    const stub = sourceStub(env, source);
    await ingest(source, deadlineDoc("2030-04-24T12:00:00Z", "2025-04-20T00:00:00Z"));
    await stub.tick(Date.parse("2030-04-24T12:05:00Z")); // lapsed (the skipped reminders are dropped)
    await ingest(source, deadlineDoc("2030-04-26T12:00:00Z", "2025-04-24T13:00:00Z"));
    await stub.tick(Date.parse("2030-04-24T13:05:00Z")); // 72h before 04-26
    await ingest(source, deadlineDoc("2030-04-24T12:00:00Z", "2025-04-24T14:00:00Z"));
    await stub.tick(Date.parse("2030-04-24T14:05:00Z")); // back to 04-24: already lapsed
    await ingest(source, deadlineDoc("2030-04-26T12:00:00Z", "2025-04-24T15:00:00Z"));
    await stub.tick(Date.parse("2030-04-24T15:05:00Z")); // back to 04-26: 72h already sent
    const log = await json(get(`/api/events?source=${source}&limit=200`));
    const clock = log.events
      .filter((e: { type: string }) => e.type === "deadline.lapsed" || e.type === "deadline.approaching")
      .map((e: { summary: string }) => e.summary.replace("Minerals deal: ", ""));
    expect(clock.sort()).toEqual([
      "deadline lapsed (due 2030-04-24T12:00:00Z)",
      "due in 72 hours (2030-04-26T12:00:00Z)",
    ]);
    const ids = log.events.map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("a missed run catches up: the current reminder only, then lapsed — no duplicates", async () => {
    const source = uniqueSource("clock");
    await createSource(source);
    await ingest(source, deadlineDoc("2030-04-24", "2025-04-10T00:00:00Z"));
    const stub = sourceStub(env, source);
    // Down from a week before until 12 hours before the due time (end of 24 April in New York = 04:00Z on the 25th).
    await stub.tick(Date.parse("2030-04-24T16:00:00Z"));
    await stub.tick(Date.parse("2030-04-24T16:05:00Z"));
    const events = (await json(get(`/api/events?source=${source}`))).events;
    expect(events).toHaveLength(1);
    expect(events[0].summary).toMatch(/due in 24 hours/);
    // Down again until a day after it lapsed: the 1h reminder is long past and dropped; lapsed still fires.
    await stub.tick(Date.parse("2030-04-26T04:00:00Z"));
    expect(await clockTypes(source)).toEqual(["deadline.approaching", "deadline.lapsed"]);
  });

  it("100 idle runs of 10 polled sources write nothing readers could see", async () => {
    const sources: string[] = [];
    for (let i = 0; i < 10; i++) {
      const id = uniqueSource("idle");
      await fetch(`${env.LOOPBACK_URL}/docs/${id}`, {
        method: "PUT",
        body: deadlineDoc("2030-01-01", "2025-04-10T00:00:00Z"),
      });
      await createSource(id, { url: `${env.LOOPBACK_URL}/docs/${id}`, interval_minutes: 5 });
      sources.push(id);
    }
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (const id of sources) await sourceStub(env, id).tick(start); // first poll: the baseline
    const before = await Promise.all(sources.map((id) => readModel(id)));
    for (let run = 1; run <= 100; run++) {
      await Promise.all(sources.map((id) => sourceStub(env, id).tick(start + run * 5 * 60_000)));
    }
    const after = await Promise.all(sources.map(async (id) => json(get(`/api/sources/${id}`))));
    expect(after.every((v) => v.poll.outcomes[0].result === "not_modified")).toBe(true);
    expect(await Promise.all(sources.map((id) => readModel(id)))).toEqual(before);
  });
});
