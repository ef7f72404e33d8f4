/** GET /api/events: the event log, newest first, filtered, with cursor pagination. */
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { problem, validationProblem } from "../http/problem.ts";
import { parseListQuery } from "../http/query.ts";
import { decodeCursor, encodeCursor, findEvents } from "../store/event-log.ts";

export const eventRoutes = new Hono<AppEnv>();

eventRoutes.get("/", async (c) => {
  const q = parseListQuery(c.req.query());
  if (!q.ok) return validationProblem(c, "invalid query", q.issues);
  const { filter, limit, after } = q.value;
  const cursor = after === undefined ? undefined : decodeCursor(after);
  if (cursor === null) return problem(c, 400, "invalid_cursor", "after: not a cursor returned by this API");
  const page = await findEvents(c.env, { filter, limit, ...(cursor !== undefined && { after: cursor }) });
  return c.json({ events: page.events, next: page.next ? encodeCursor(page.next) : null });
});
