/**
 * iCalendar feeds: /feeds/calendar.ics (every current meeting and dated
 * deadline, filterable), declared here, and the one item's calendar
 * /feeds/items/{source}/{kind}/{id}.ics, which the item feed route serves
 * (one declared path for an item's four formats) through `itemCalendar`.
 * One catalog request per read; the query schema is src/calendar/calendar-query.ts.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { REMOVED_KEPT_MS } from "../../src/calendar/calendar-entry.ts";
import { calendarFilter, calendarQuerySchema } from "../../src/calendar/calendar-query.ts";
import { parseRfc3339, toUtcIso } from "../../src/time/instant.ts";
import { respondCalendar } from "../calendar/calendar-response.ts";
import { CALENDAR_MAX_ITEMS } from "../catalog/calendar-items.ts";
import { catalogStub } from "../catalog-stub.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isItemPath } from "../http/path-params.ts";
import { problemHook } from "../http/validation.ts";
import { problems } from "../openapi/responses.ts";
import { unknownItem } from "./items.ts";

export const calendarRoutes = new OpenAPIHono<AppEnv>({ defaultHook: problemHook() });

export const CALENDAR_TYPE = "text/calendar";

export const calendarResponses = {
  200: {
    description: "An iCalendar (RFC 5545) document; with ETag, Last-Modified and Cache-Control",
    content: { [CALENDAR_TYPE]: { schema: z.string() } },
  },
  304: { description: "Not modified (If-None-Match / If-Modified-Since)" },
};

const calendarFeed = createRoute({
  method: "get",
  path: "/calendar.ics",
  tags: ["Feeds"],
  summary: "Every current meeting and dated deadline, as an iCalendar feed",
  description:
    "Subscribe in Google, Apple, Outlook or Thunderbird (`webcal://` form of this URL). One VEVENT per item; a deadline known only by its wording has none; an item removed from its snapshot stays 30 days as CANCELLED.",
  request: { query: calendarQuerySchema },
  responses: { ...calendarResponses, ...problems([400]) },
});

calendarRoutes.openapi(calendarFeed, async (c) => {
  const now = Date.now();
  const filter = calendarFilter(c.req.valid("query"));
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

/** One item's calendar (the `.ics` form of /feeds/items/{source}/{kind}/{id}). */
export async function itemCalendar(c: Context<AppEnv>, source: string, kind: string, id: string) {
  const tracked = isItemPath(source, kind, id) ? await catalogStub(c.env).item(source, kind, id) : null;
  if (!tracked) throw unknownItem({ source, kind, id });
  return respondCalendar(c, {
    items: [{ source, tracked }],
    writtenMs: parseRfc3339(tracked.changed_at ?? tracked.item.updated_at),
    name: `${tracked.item.title} — parley`,
    description: `The ${kind} "${id}" of source ${source}`,
    now: Date.now(),
  });
}
