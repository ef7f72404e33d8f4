/** GET /api/items (current state) and GET /api/items/{source}/{kind}/{id} (one item with its history). */
import { Hono } from "hono";
import { z } from "zod";
import { commaList } from "../../src/events/event-filter.ts";
import { eventKey } from "../../src/events/event-index.ts";
import { DEADLINE_STATUSES, ITEM_KINDS, MEETING_STATUSES } from "../../src/model/item.ts";
import { SOURCE_ID } from "../../src/sources/source-config.ts";
import type { AppEnv } from "../http/app-env.ts";
import { problem, validationProblem } from "../http/problem.ts";
import { readEvents } from "../store/event-log.ts";
import { readItemSnapshot } from "../store/item-snapshot.ts";
import { listSourceIds } from "../store/source-index.ts";

export const itemRoutes = new Hono<AppEnv>();

const STATUSES: readonly string[] = [...new Set([...DEADLINE_STATUSES, ...MEETING_STATUSES])];

/** A comma-separated list of alternatives (as the events API and feeds take them), each one checked. */
const alternatives = (valid: (v: string) => boolean, expected: string) =>
  commaList
    .check((ctx) => {
      for (const v of ctx.value) {
        if (!valid(v))
          ctx.issues.push({ code: "custom", input: v, message: `${JSON.stringify(v)}: expected ${expected}` });
      }
    })
    .optional();

const itemsQuery = z.object({
  source: alternatives((v) => SOURCE_ID.test(v), "a source id"),
  kind: alternatives((v) => (ITEM_KINDS as readonly string[]).includes(v), "deadline or meeting"),
  status: alternatives((v) => STATUSES.includes(v), `an item status (${STATUSES.join(", ")})`),
  removed: z.enum(["true", "false"], { error: "expected true or false" }).optional(),
});

itemRoutes.get("/", async (c) => {
  const q = itemsQuery.safeParse(c.req.query());
  if (!q.success) return validationProblem(c, "invalid query", q.error.issues);
  const { source, kind, status, removed } = q.data;
  const sources = source?.length ? [...new Set(source)] : await listSourceIds(c.env.PARLEY_KV);
  const snapshots = await Promise.all(sources.map((s) => readItemSnapshot(c.env.PARLEY_KV, s)));
  const items = snapshots.flatMap((snap) =>
    (snap?.items ?? [])
      .filter(
        (t) =>
          (removed === "true") === (t.removed_at !== undefined) &&
          (!kind?.length || kind.includes(t.item.kind)) &&
          (!status?.length || status.includes(t.item.status)),
      )
      .map((t) => ({ source: snap?.source, ...t.item, ...(t.removed_at && { removed_at: t.removed_at }) })),
  );
  return c.json({ items });
});

itemRoutes.get("/:source/:kind/:id", async (c) => {
  const { source, kind, id } = c.req.param();
  const snap = await readItemSnapshot(c.env.PARLEY_KV, source);
  const tracked = snap?.items.find((t) => t.item.kind === kind && t.item.id === id);
  if (!tracked) return problem(c, 404, "unknown_item", `no ${kind} "${id}" in source "${source}"`);
  const history = await readEvents(c.env.PARLEY_KV, [...tracked.history].reverse().map(eventKey));
  return c.json({
    source,
    item: tracked.item,
    ...(tracked.removed_at && { removed_at: tracked.removed_at }),
    history,
  });
});
