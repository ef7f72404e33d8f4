/** The HTTP app: API under /api, feeds under /feeds, an index at /. */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./http/app-env.ts";
import { problem } from "./http/problem.ts";
import { pageRoutes } from "./pages/routes.ts";
import { demoRoutes } from "./routes/demo.ts";
import { eventRoutes } from "./routes/events.ts";
import { feedRoutes } from "./routes/feeds.ts";
import { ingestRoutes } from "./routes/ingest.ts";
import { itemRoutes } from "./routes/items.ts";
import { sourceRoutes } from "./routes/sources.ts";
import { subscriptionRoutes } from "./routes/subscriptions.ts";

export const app = new Hono<AppEnv>();

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

// The board's pages (HTML for browsers at /, /sources/{id}, /items/…); API clients keep the JSON index.
app.route("/", pageRoutes);

app.get("/", (c) => {
  const base = new URL(c.req.url).origin;
  return c.json({
    name: "parley",
    about: "Follows negotiations as they move: deadlines and meetings, their changes as feeds and webhooks.",
    feeds: {
      rss: `${base}/feeds/changes.rss`,
      atom: `${base}/feeds/changes.atom`,
      json: `${base}/feeds/changes.json`,
      item: `${base}/feeds/items/{source}/{kind}/{id}.rss`,
    },
    api: {
      sources: `${base}/api/sources`,
      events: `${base}/api/events`,
      items: `${base}/api/items`,
    },
  });
});

app.route("/api/sources", ingestRoutes);
app.route("/api/sources", sourceRoutes);
app.route("/api/events", eventRoutes);
app.route("/api/items", itemRoutes);
app.route("/api/subscriptions", subscriptionRoutes);
app.route("/feeds", feedRoutes);
app.route("/demo", demoRoutes);

app.notFound((c) => problem(c, 404, "not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));
app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  console.error("unhandled error", err instanceof Error ? err.stack : err);
  return problem(c, 500, "internal", "internal error; it has been logged");
});
