/**
 * GET /openapi.json: the OpenAPI 3.1 document generated from the route
 * declarations (workers/routes/*), and GET /docs: an interactive reference
 * of it (Scalar, its script loaded from a CDN by the browser).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import { VERSION } from "../../src/version.ts";
import type { AppEnv } from "../http/app-env.ts";
import { UpdateDocumentSchema } from "./schemas.ts";

export const DOCUMENT_PATH = "/openapi.json";

const INFO = {
  title: "parley",
  version: VERSION,
  description:
    'Follows negotiations as they move: ingest deadline/meeting update documents, detect changes, publish feeds and webhooks. Reads are public; writes need `Authorization: Bearer <ADMIN_TOKEN>`. Errors are `{"error": {"code", "message", "issues"?}}`.',
};

export function registerDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.register("UpdateDocument", UpdateDocumentSchema);
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "The ADMIN_TOKEN",
  });
  app.doc31(DOCUMENT_PATH, (c) => ({
    openapi: "3.1.0",
    info: INFO,
    servers: [{ url: new URL(c.req.url).origin }],
    tags: [
      { name: "Sources" },
      { name: "Events and items" },
      { name: "Feeds" },
      { name: "Webhooks", description: "Subscriptions, all admin-authenticated" },
    ],
  }));
  app.get("/docs", Scalar({ url: DOCUMENT_PATH, pageTitle: "parley API" }));
}
