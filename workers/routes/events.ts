/** GET /api/events: the event log, newest first, filtered, with cursor pagination. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../http/app-env.ts";
import { invalidCursor } from "../http/problem.ts";
import { listQuerySchema, splitListQuery } from "../http/query.ts";
import { problemHook } from "../http/validation.ts";
import { json, problems } from "../openapi/responses.ts";
import { EventSchema } from "../openapi/schemas.ts";
import { decodeCursor, encodeCursor, findEvents } from "../store/event-log.ts";

export const eventRoutes = new OpenAPIHono<AppEnv>({ defaultHook: problemHook() });

const listEvents = createRoute({
  method: "get",
  path: "/",
  tags: ["Events and items"],
  summary: "The event log, newest first",
  description: "Filters take comma-separated alternatives; a type pattern naming no known kind is a 400.",
  request: { query: listQuerySchema },
  responses: {
    200: json(
      z.object({
        events: z.array(EventSchema),
        next: z.string().nullable().openapi({ description: "Cursor for `after`" }),
      }),
      "A page of events",
    ),
    ...problems([400]),
  },
});

eventRoutes.openapi(listEvents, async (c) => {
  const { filter, limit, after } = splitListQuery(c.req.valid("query"));
  const cursor = after === undefined ? undefined : decodeCursor(after);
  if (cursor === null) throw invalidCursor();
  const page = await findEvents(c.env, { filter, limit, ...(cursor !== undefined && { after: cursor }) });
  return c.json({ events: page.events, next: page.next ? encodeCursor(page.next) : null }, 200);
});
