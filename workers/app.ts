/** The HTTP app: API under /api, feeds under /feeds, an index at /, its contract at /openapi.json and /docs. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { webcalUrl } from "./calendar/calendar-response.ts";
import type { AppEnv } from "./http/app-env.ts";
import { ProblemError, renderProblem } from "./http/problem.ts";
import { malformedBodyMessage } from "./http/validation.ts";
import { registerDocs } from "./openapi/document.ts";
import { json } from "./openapi/responses.ts";
import { pageRoutes } from "./pages/routes.ts";
import { calendarRoutes } from "./routes/calendars.ts";
import { demoRoutes } from "./routes/demo.ts";
import { eventRoutes } from "./routes/events.ts";
import { feedRoutes } from "./routes/feeds.ts";
import { ingestRoutes } from "./routes/ingest.ts";
import { itemRoutes } from "./routes/items.ts";
import { sourceRoutes } from "./routes/sources.ts";
import { subscriptionRoutes } from "./routes/subscriptions.ts";

export const app = new OpenAPIHono<AppEnv>();

// Reads are public and writes authenticate with a bearer token (no cookies), so any origin
// may call the API and read the feeds from a browser; the validators are exposed for caching.
app.use(
  "*",
  cors({
    origin: "*",
    allowMethods: ["GET", "HEAD", "PUT", "POST", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "If-None-Match", "If-Modified-Since"],
    exposeHeaders: ["ETag", "Last-Modified", "Location"],
    maxAge: 86_400,
  }),
);

const links = (names: string[]) => z.object(Object.fromEntries(names.map((n) => [n, z.string()])));
const indexRoute = createRoute({
  method: "get",
  path: "/",
  summary: "What parley is, and where its feeds, API and docs are",
  responses: {
    200: json(
      z.object({
        name: z.string(),
        about: z.string(),
        feeds: links([
          "rss",
          "atom",
          "json",
          "item",
          "calendar",
          "calendar_webcal",
          "item_calendar",
          "item_calendar_webcal",
        ]),
        api: links(["sources", "events", "items"]),
        docs: z.string(),
        openapi: z.string(),
      }),
      "Links",
    ),
  },
});

// The board's pages (HTML for browsers at /, /sources/{id}, /items/…); API clients keep the JSON index.
app.route("/", pageRoutes);

app.openapi(indexRoute, (c) => {
  const base = new URL(c.req.url).origin;
  return c.json(
    {
      name: "parley",
      about: "Follows negotiations as they move: deadlines and meetings, their changes as feeds and webhooks.",
      feeds: {
        rss: `${base}/feeds/changes.rss`,
        atom: `${base}/feeds/changes.atom`,
        json: `${base}/feeds/changes.json`,
        item: `${base}/feeds/items/{source}/{kind}/{id}.rss`,
        calendar: `${base}/feeds/calendar.ics`,
        calendar_webcal: webcalUrl(`${base}/feeds/calendar.ics`),
        item_calendar: `${base}/feeds/items/{source}/{kind}/{id}.ics`,
        item_calendar_webcal: webcalUrl(`${base}/feeds/items/{source}/{kind}/{id}.ics`),
      },
      api: {
        sources: `${base}/api/sources`,
        events: `${base}/api/events`,
        items: `${base}/api/items`,
      },
      docs: `${base}/docs`,
      openapi: `${base}/openapi.json`,
    },
    200,
  );
});

app.route("/api/sources", ingestRoutes);
app.route("/api/sources", sourceRoutes);
app.route("/api/events", eventRoutes);
app.route("/api/items", itemRoutes);
app.route("/api/subscriptions", subscriptionRoutes);
app.route("/feeds", calendarRoutes);
app.route("/feeds", feedRoutes);
app.route("/demo", demoRoutes);
registerDocs(app);

const FEED_HINT = "feeds: /feeds/changes.rss, .atom, .json or /feeds/items/{source}/{kind}/{id}.rss";

app.notFound((c) => {
  const path = new URL(c.req.url).pathname;
  const message = path.startsWith("/feeds/") ? FEED_HINT : `no route for ${c.req.method} ${path}`;
  return renderProblem(c, new ProblemError(404, "not_found", message));
});

// The one place errors leave: problems thrown by handlers, middleware and validation hooks.
app.onError((err, c) => {
  if (err instanceof ProblemError) return renderProblem(c, err);
  if (err instanceof HTTPException) {
    // A declared JSON body that is not JSON at all (the body validator's 400).
    const malformed = err.status === 400 ? malformedBodyMessage(c) : null;
    if (malformed !== null) return renderProblem(c, new ProblemError(400, "malformed", malformed));
    return err.getResponse();
  }
  console.error("unhandled error", err instanceof Error ? err.stack : err);
  return renderProblem(c, new ProblemError(500, "internal", "internal error; it has been logged"));
});
