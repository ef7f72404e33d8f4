/**
 * The board page for 500 items and 200 recent events (one page of each, as
 * the route reads them from the catalog), rendered on the server with Hono's
 * JSX (workers/pages/render.tsx, bundled here with esbuild since Node does not
 * strip JSX), beside the same data through `JSON.stringify` as a floor.
 * Goal: under 30 ms of CPU per page.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { subscribeLinks } from "../src/board/subscribe.ts";
import { type Item, MEETING_STATUSES } from "../src/model/item.ts";
import type { TrackedItem } from "../src/track/tracked-item.ts";
import { compare } from "./compare.ts";
import { makeEvents } from "./event-fixtures.ts";

type Render = typeof import("../workers/pages/render.tsx");

async function loadRender(): Promise<{ mod: Render; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "parley-board-bench-"));
  const outfile = join(dir, "render.mjs");
  await build({
    entryPoints: [new URL("../workers/pages/render.tsx", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    logLevel: "warning",
  });
  return { mod: (await import(outfile)) as Render, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** 500 items across the board's lists: open deadlines dated and worded, meetings in every status. */
function makeItems(n: number): { source: string; tracked: TrackedItem }[] {
  return makeEvents(n).map((e, i) => {
    const item = { ...(e.item as Item) };
    if (item.kind === "meeting") item.status = MEETING_STATUSES[i % MEETING_STATUSES.length];
    else {
      item.status = "open";
      if (i % 4 === 0) {
        delete item.due;
        item.due_text = "within a matter of days";
      }
    }
    return { source: `source-${i % 5}`, tracked: { item, revision: 1 + (i % 7) } };
  });
}

export default async function () {
  const { mod, cleanup } = await loadRender();
  try {
    const items = makeItems(500);
    const events = makeEvents(200);
    const input = {
      items,
      events,
      title: "Board",
      lede: "Deadlines and meetings in negotiations, and every change parley detected.",
      now: Date.UTC(2025, 4, 1),
      links: subscribeLinks("https://parley.example", { kind: "board" }),
      truncated: false,
    };
    const html = await mod.renderBoardHtml(input);
    console.log(
      `board page, 500 items + 200 events: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KiB of HTML ` +
        `(JSON.stringify of the same data: ${(JSON.stringify({ items, events }).length / 1024).toFixed(1)} KiB)`,
    );
    const r = await compare({
      title: "board page, 500 items and 200 events",
      ours: { name: "buildBoard + Hono JSX render", fn: () => mod.renderBoardHtml(input) },
      peer: { name: "JSON.stringify (floor)", fn: () => JSON.stringify({ items, events }) },
      goal: "< 30 ms of CPU per page",
      cpuCalls: 100,
    });
    if (r.ratio) console.log(`  the page costs ${(1 / r.ratio).toFixed(1)}× the JSON.stringify floor`);
  } finally {
    cleanup();
  }
}
