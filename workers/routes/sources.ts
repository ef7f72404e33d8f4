/** Source configuration: PUT / GET / list / DELETE under /api/sources. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { SOURCE_ID, sourcePutSchema } from "../../src/sources/source-config.ts";
import { checkSourceTarget } from "../../src/sources/source-url.ts";
import { toUtcIso } from "../../src/time/instant.ts";
import { readConfig } from "../config.ts";
import { requireAdmin } from "../http/admin-auth.ts";
import type { AppEnv } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import { jsonBody, problemHook } from "../http/validation.ts";
import { SOURCE_PUT_EXAMPLE } from "../openapi/examples.ts";
import { ADMIN, ADMIN_PROBLEMS, json, problems } from "../openapi/responses.ts";
import { SourceViewSchema } from "../openapi/schemas.ts";
import { sourceStub } from "../source-stub.ts";
import { listSources } from "../store/source-index.ts";

export const BAD_ID = `a source id is 1–100 characters of letters, digits, ".", "_" and "-", starting with a letter or digit`;

/** The path of a source: an id no source can have is a 400, not a 404 advising a PUT that would fail. */
export const sourcePath = z.object({
  id: z.string().regex(SOURCE_ID).openapi({ description: BAD_ID, example: "ukraine-talks" }),
});
export const sourceHook = () => problemHook({ param: () => new ProblemError(400, "invalid_source_id", BAD_ID) });

export const sourceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: sourceHook() });

const TAGS = ["Sources"];

const putSource = createRoute({
  method: "put",
  path: "/{id}",
  tags: TAGS,
  summary: "Create or update a source",
  description: "Fields left out keep their value (or the default on creation); `null` clears `title` or `url`.",
  security: ADMIN,
  // Writes are authenticated before anything else is said about the request (even a bad id).
  middleware: [requireAdmin, jsonBody({ what: "invalid source", example: '{"title": "…"}' })] as const,
  request: {
    params: sourcePath,
    body: {
      required: true,
      content: { "application/json": { schema: sourcePutSchema, example: SOURCE_PUT_EXAMPLE } },
    },
  },
  responses: {
    200: json(SourceViewSchema, "Updated"),
    201: json(SourceViewSchema, "Created"),
    ...problems([400, ...ADMIN_PROBLEMS], { 400: "Invalid id or body, or an unsafe url" }),
  },
});

sourceRoutes.openapi(putSource, async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  // Polled URLs get the webhook SSRF guard (checked again before every request of a poll).
  if (typeof body.url === "string") {
    const check = await checkSourceTarget(body.url, readConfig(c.env).poll.allowPrivate);
    if (!check.ok) {
      throw new ProblemError(400, "unsafe_url", `url refused: ${check.reason}`, {
        issues: [{ field: "url", message: check.reason }],
      });
    }
  }
  const { created } = await sourceStub(c.env, id).configure(id, body, toUtcIso(Date.now()));
  const described = await sourceStub(c.env, id).describe();
  if (!described) throw unknownSource(id);
  return created ? c.json(described, 201) : c.json(described, 200);
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: TAGS,
  summary: "Every source with config, status and poll health",
  responses: { 200: json(z.object({ sources: z.array(SourceViewSchema) }), "The sources") },
});

sourceRoutes.openapi(listRoute, async (c) => c.json({ sources: await listSources(c.env) }, 200));

const getSource = createRoute({
  method: "get",
  path: "/{id}",
  tags: TAGS,
  summary: "One source: config, status, poll health",
  request: { params: sourcePath },
  responses: { 200: json(SourceViewSchema, "The source"), ...problems([400, 404]) },
});

sourceRoutes.openapi(getSource, async (c) => {
  const { id } = c.req.valid("param");
  const described = await sourceStub(c.env, id).describe();
  if (!described) throw unknownSource(id);
  return c.json(described, 200);
});

const deleteSource = createRoute({
  method: "delete",
  path: "/{id}",
  tags: TAGS,
  summary: "Remove a source and its items",
  description: "Its past events stay in the event log and the feeds.",
  security: ADMIN,
  middleware: [requireAdmin] as const,
  request: { params: sourcePath },
  responses: { 204: { description: "Removed" }, ...problems([400, 404, ...ADMIN_PROBLEMS]) },
});

sourceRoutes.openapi(deleteSource, async (c) => {
  const { id } = c.req.valid("param");
  if (!(await sourceStub(c.env, id).destroy())) throw unknownSource(id);
  return c.body(null, 204);
});

export function unknownSource(id: string): ProblemError {
  return new ProblemError(
    404,
    "unknown_source",
    `no source "${id}": create it first with PUT /api/sources/${id} (body e.g. {"title": "…"}, admin token required)`,
  );
}
