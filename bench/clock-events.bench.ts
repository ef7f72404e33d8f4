/**
 * One scheduled run's clock pass over 1,000 open deadlines (each at a
 * different distance from its due time, records threaded from a previous
 * run), against the bare cost of computing their due instants.
 */
import { clockEvents, type FiredRecord } from "../src/clock/clock-events.ts";
import type { Deadline } from "../src/model/item.ts";
import { instantOf } from "../src/time/instant.ts";
import { compare } from "./compare.ts";

const NOW = Date.parse("2025-04-20T12:00:00Z");
const items: Deadline[] = Array.from({ length: 1000 }, (_, i) => ({
  kind: "deadline",
  id: `d${i}`,
  title: `Deadline ${i}`,
  updated_at: "2025-04-01T00:00:00Z",
  tags: [],
  parties: [],
  timezone: i % 2 ? "America/New_York" : "Europe/Kyiv",
  due: i % 3 ? new Date(NOW + (i - 300) * 3_600_000).toISOString() : `2025-05-${String(1 + (i % 28)).padStart(2, "0")}`,
  status: "open",
}));

export default async function () {
  const fired: FiredRecord[] = [];
  for (const item of items) fired.push((await clockEvents({ source: "s", item, fired: {}, now: NOW - 600_000 })).fired);
  await compare({
    title: "clockEvents: one run over 1,000 deadlines",
    ours: {
      name: "clockEvents ×1000",
      fn: async () => {
        for (let i = 0; i < items.length; i++)
          await clockEvents({ source: "s", item: items[i], fired: fired[i], now: NOW });
      },
    },
    peer: {
      name: "instantOf ×1000 (floor)",
      fn: () => {
        let sum = 0;
        for (const item of items) sum += instantOf(item.due ?? "", item.timezone, "end");
        return sum;
      },
    },
    goal: "a run over a few thousand items stays far below the scheduled handler's CPU budget (tens of ms)",
  });
}
