/**
 * iCalendar feeds: /feeds/calendar.ics (every current meeting and dated
 * deadline, filterable) and /feeds/items/{source}/{kind}/{id}.ics (one item).
 * One catalog request per read; validation lives in zod schemas in
 * src/calendar/calendar-query.ts.
 */
import { Hono } from "hono";
import { REMOVED_KEPT_MS } from "../../src/calendar/calendar-entry.ts";
import { calendarFilter, calendarQuerySchema } from "../../src/calendar/calendar-query.ts";
import { parseRfc3339, toUtcIso } from "../../src/time/instant.ts";
import { respondCalendar } from "../calendar/calendar-response.ts";
import { CALENDAR_MAX_ITEMS } from "../catalog/calendar-items.ts";
import { catalogStub } from "../catalog-stub.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isItemPath } from "../http/path-params.ts";
import { excerpt, problem, validationProblem } from "../http/problem.ts";

export const calendarRoutes = new Hono<AppEnv>();

calendarRoutes.get("/calendar.ics", async (c) => {
  const q = calendarQuerySchema.safeParse(c.req.query());
  if (!q.success) return validationProblem(c, "invalid query", q.error.issues);
  const now = Date.now();
  const filter = calendarFilter(q.data);
  const read = await catalogStub(c.env).calendarItems({
    filter,
    removedSince: toUtcIso(now - REMOVED_KEPT_MS),
    limit: CALENDAR_MAX_ITEMS,
  });
  const described = Object.entries(filter)
    .map(([k, v]) => `${k}=${v.join(",")}`)
    .join(" ");
  return respondCalendar(c, {
    items: read.items,
    writtenMs: read.writtenMs,
    name: described ? `parley: meetings and deadlines (${described})` : "parley: meetings and deadlines",
    description: "Meetings and deadlines in negotiations, as parley tracks them",
    now,
  });
});

calendarRoutes.get("/items/:source/:kind/:file{.+\\.ics}", async (c) => {
  const { source, kind, file } = c.req.param();
  const id = file.slice(0, -".ics".length);
  const tracked = isItemPath(source, kind, id) ? await catalogStub(c.env).item(source, kind, id) : null;
  if (!tracked)
    return problem(c, 404, "unknown_item", `no ${excerpt(kind)} ${excerpt(id)} in source ${excerpt(source)}`);
  return respondCalendar(c, {
    items: [{ source, tracked }],
    writtenMs: parseRfc3339(tracked.changed_at ?? tracked.item.updated_at),
    name: `${tracked.item.title} — parley`,
    description: `The ${kind} "${id}" of source ${source}`,
    now: Date.now(),
  });
});
