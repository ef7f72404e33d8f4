/** Source configuration: PUT / GET / list / DELETE under /api/sources. */
import { Hono } from "hono";
import { SOURCE_ID, sourcePutSchema } from "../../src/sources/source-config.ts";
import { checkSourceTarget } from "../../src/sources/source-url.ts";
import { toUtcIso } from "../../src/time/instant.ts";
import { boolVar } from "../env-config.ts";
import { requireAdmin } from "../http/admin-auth.ts";
import type { AppEnv } from "../http/app-env.ts";
import { problem, validationProblem } from "../http/problem.ts";
import { sourceStub } from "../source-stub.ts";
import { listSources } from "../store/source-index.ts";

export const sourceRoutes = new Hono<AppEnv>();

export const BAD_ID = `a source id is 1–100 characters of letters, digits, ".", "_" and "-", starting with a letter or digit`;

// Writes are authenticated before anything else is said about the request (even a bad id).
sourceRoutes.on(["PUT", "DELETE"], "/:id", requireAdmin);

sourceRoutes.use("/:id", async (c, next) => {
  if (!SOURCE_ID.test(c.req.param("id"))) return problem(c, 400, "invalid_source_id", BAD_ID);
  await next();
});

sourceRoutes.put("/:id", async (c) => {
  const id = c.req.param("id");
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return problem(c, 400, "malformed", 'the body must be a JSON object, e.g. {"title": "…"}');
  }
  const parsed = sourcePutSchema.safeParse(body);
  if (!parsed.success) return validationProblem(c, "invalid source", parsed.error.issues);
  // Polled URLs get the webhook SSRF guard (checked again before every request of a poll).
  if (typeof parsed.data.url === "string") {
    const check = await checkSourceTarget(parsed.data.url, boolVar(c.env.ALLOW_PRIVATE_SOURCES));
    if (!check.ok) {
      return problem(c, 400, "unsafe_url", `url refused: ${check.reason}`, {
        issues: [{ field: "url", message: check.reason }],
      });
    }
  }
  const { created } = await sourceStub(c.env, id).configure(id, parsed.data, toUtcIso(Date.now()));
  const described = await sourceStub(c.env, id).describe();
  return c.json(described, created ? 201 : 200);
});

sourceRoutes.get("/", async (c) => {
  return c.json({ sources: await listSources(c.env) });
});

sourceRoutes.get("/:id", async (c) => {
  const id = c.req.param("id");
  const described = await sourceStub(c.env, id).describe();
  if (!described) return unknownSource(c, id);
  return c.json(described);
});

sourceRoutes.delete("/:id", async (c) => {
  const id = c.req.param("id");
  const existed = await sourceStub(c.env, id).destroy();
  if (!existed) return unknownSource(c, id);
  return c.body(null, 204);
});

export function unknownSource(c: Parameters<typeof problem>[0], id: string) {
  return problem(
    c,
    404,
    "unknown_source",
    `no source "${id}": create it first with PUT /api/sources/${id} (body e.g. {"title": "…"}, admin token required)`,
  );
}
