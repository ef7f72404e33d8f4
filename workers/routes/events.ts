/** GET /api/events: the event log, newest first, filtered, with cursor pagination. */
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { problem, validationProblem } from "../http/problem.ts";
import { parseListQuery } from "../http/query.ts";
import { decodeCursor, findEventKeys, readEvents } from "../store/event-log.ts";

export const eventRoutes = new Hono<AppEnv>();

eventRoutes.get("/", async (c) => {
  const q = parseListQuery(c.req.query());
  if (!q.ok) return validationProblem(c, "invalid query", q.issues);
  const { filter, limit, after } = q.value;
  const cursor = after === undefined ? undefined : decodeCursor(after);
  if (cursor === null) return problem(c, 400, "invalid_cursor", "after: not a cursor returned by this API");
  const page = await findEventKeys(c.env.PARLEY_KV, filter, limit, cursor);
  const events = await readEvents(c.env.PARLEY_KV, page.keys);
  return c.json({ events, next: page.next ?? null });
});
