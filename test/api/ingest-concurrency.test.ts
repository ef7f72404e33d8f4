import { expect, it } from "vitest";
import { createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";

const london = JSON.parse(examples.json0418).items.find((i: { id: string }) => i.id === "london-talks-2025-04-23");
const statuses = ["scheduled", "confirmed", "postponed", "scheduled", "in_progress"];

/** Revision n of the London meeting: a new summary and a status cycling through several values. */
function revision(n: number) {
  return {
    ...london,
    summary: `revision ${n}`,
    status: statuses[n % statuses.length],
    updated_at: new Date(Date.UTC(2025, 3, 19, n)).toISOString(),
  };
}

function shuffle<T>(list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

it("20 concurrent pushes of overlapping, shuffled revisions end in the newest state with no duplicate events", async () => {
  const source = uniqueSource("race");
  await createSource(source);
  await ingest(source, examples.json0418);
  // Push n carries revisions n and n+1 (updates mode): every revision arrives twice, in random order.
  const docs = Array.from({ length: 20 }, (_, i) =>
    JSON.stringify({
      version: "1",
      mode: "updates",
      items: i < 19 ? [revision(i + 1), revision(i + 2)] : [revision(20)],
    }),
  );
  const responses = await Promise.all(shuffle(docs).map((d) => ingest(source, d)));
  const bodies = await Promise.all(responses.map((r) => json(r)));
  expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));

  const ids = bodies.flatMap((b) => b.events.map((e: { id: string }) => e.id));
  expect(new Set(ids).size).toBe(ids.length);
  // Each applied revision was announced once; revisions are either applied, unchanged (sent again) or stale.
  const total = bodies.reduce((n, b) => n + b.events.length + b.stale + b.unchanged, 0);
  expect(total).toBe(39);

  const item = await json(get(`/api/items/${source}/meeting/london-talks-2025-04-23`));
  expect(item.item.summary).toBe("revision 20");
  expect(item.item.updated_at).toBe("2025-04-19T20:00:00Z");
  expect(item.history.map((e: { id: string }) => e.id).sort()).toEqual([...ids].sort());

  const log = await json(get(`/api/events?source=${source}&limit=200`));
  expect(log.events.map((e: { id: string }) => e.id).sort()).toEqual([...ids].sort());
  expect(log.events).toHaveLength(ids.length);
});
