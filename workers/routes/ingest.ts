/**
 * POST /api/sources/{id}/ingest: a whole update document, JSON or XML by
 * Content-Type. 200 with the events, or 400/413/415 naming item and field; a
 * rejected document changes nothing (it is only recorded as the last error).
 * The route reads the raw body itself (with its size limit): the declared
 * body documents it, the ingest pipeline validates it.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { mediaTypeKind } from "../../src/ingest/decode-body.ts";
import { decodeDocument } from "../../src/ingest/decode-document.ts";
import { DocumentError } from "../../src/ingest/errors.ts";
import { readLimited } from "../../src/io/read-limited.ts";
import { boundedErrorMessage } from "../../src/sources/source-status.ts";
import { excerpt } from "../../src/text/excerpt.ts";
import { toUtcIso } from "../../src/time/instant.ts";
import { readConfig } from "../config.ts";
import { requireAdmin } from "../http/admin-auth.ts";
import type { AppEnv } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import { INGEST_EXAMPLE } from "../openapi/examples.ts";
import { ADMIN, ADMIN_PROBLEMS, json, problems } from "../openapi/responses.ts";
import { IngestResultSchema, PollResultSchema } from "../openapi/schemas.ts";
import { sourceStub } from "../source-stub.ts";
import { sourceHook, sourcePath, unknownSource } from "./sources.ts";

export const ingestRoutes = new OpenAPIHono<AppEnv>({ defaultHook: sourceHook() });

async function readDocument(req: Request, maxBytes: number, receivedAt: string) {
  const contentType = req.headers.get("content-type");
  if (!mediaTypeKind(contentType)) {
    throw new DocumentError(
      "unsupported_media_type",
      `unsupported Content-Type ${excerpt(contentType ?? "")}: send application/json (or application/vnd.parley.update+json) for JSON, application/rss+xml, application/atom+xml or application/xml for XML`,
    );
  }
  const tooLarge = () =>
    new DocumentError("too_large", `the document is larger than the limit of ${maxBytes} bytes`, [
      { message: `at most ${maxBytes} bytes` },
    ]);
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const body = await readLimited(req.body, maxBytes);
  if (!body.ok) throw tooLarge();
  return decodeDocument(body.body, { contentType, receivedAt });
}

/**
 * The raw body's media types, documented only: a zod schema here would make
 * the route validate the body itself, before the source is known and without
 * the size limit. JSON as the update-feed spec's document; XML as RSS or Atom.
 */
const UPDATE_DOCUMENT = { $ref: "#/components/schemas/UpdateDocument" };
const XML_FEED = { type: "string" as const, description: "An RSS 2.0 or Atom 1.0 feed carrying the items" };
const INGEST_BODY = {
  "application/json": { schema: UPDATE_DOCUMENT, example: INGEST_EXAMPLE },
  "application/vnd.parley.update+json": { schema: UPDATE_DOCUMENT },
  "application/rss+xml": { schema: XML_FEED },
  "application/atom+xml": { schema: XML_FEED },
  "application/xml": { schema: XML_FEED },
  "text/xml": { schema: XML_FEED },
};

const ingestRoute = createRoute({
  method: "post",
  path: "/{id}/ingest",
  tags: ["Sources"],
  summary: "Push a whole update document",
  description:
    "JSON or XML by Content-Type (also any `+json` or `+xml`). A rejected document changes nothing; it is recorded as the source's last error.",
  security: ADMIN,
  middleware: [requireAdmin] as const,
  request: {
    params: sourcePath,
    query: z.object({
      confirm_removals: z
        .string()
        .optional()
        .openapi({ description: "`true` lets a snapshot through the removal guard", example: "true" }),
    }),
    body: { required: true, description: "The update document, read raw", content: INGEST_BODY },
  },
  responses: {
    200: json(IngestResultSchema, "Applied: every event it announces is readable"),
    202: json(IngestResultSchema, 'Applied and committed, not all events readable yet ("published": false)'),
    ...problems([400, 404, 413, 415, ...ADMIN_PROBLEMS], {
      400: "A bad document: malformed, wrong version, a DTD, a bad item (naming index, id and field)",
      404: "No such source (the message says how to create it)",
    }),
  },
});

ingestRoutes.openapi(ingestRoute, async (c) => {
  const { id } = c.req.valid("param");
  const stub = sourceStub(c.env, id);
  if (!(await stub.describe())) throw unknownSource(id);
  const receivedAt = toUtcIso(Date.now());
  let document: Awaited<ReturnType<typeof readDocument>>;
  try {
    document = await readDocument(c.req.raw, readConfig(c.env).maxBodyBytes, receivedAt);
  } catch (err) {
    if (!(err instanceof DocumentError)) throw err;
    await stub.recordRejection("push", boundedErrorMessage(err.message), receivedAt);
    throw ProblemError.fromDocument(err);
  }
  const result = await stub.ingest(document, "push", receivedAt, {
    confirmRemovals: c.req.valid("query").confirm_removals === "true",
  });
  if (!result) throw unknownSource(id);
  if (result.refused) {
    const refused = new DocumentError("invalid_document", result.refused, [
      { field: "items", message: result.refused },
    ]);
    throw ProblemError.fromDocument(refused);
  }
  const body = { events: result.events, stale: result.stale, unchanged: result.unchanged, baseline: result.baseline };
  // Applied, but the copy to KV failed and is being retried: accepted, not yet readable.
  if (!result.published) return c.json({ ...body, published: false as const }, 202);
  return c.json(body, 200);
});

const pollRoute = createRoute({
  method: "post",
  path: "/{id}/poll",
  tags: ["Sources"],
  summary: "Poll the source's URL now, whatever its interval",
  security: ADMIN,
  middleware: [requireAdmin] as const,
  request: { params: sourcePath },
  responses: {
    200: json(PollResultSchema, "The poll's outcome"),
    ...problems([400, 404, 409, ...ADMIN_PROBLEMS], { 409: "The source has no url to poll" }),
  },
});

ingestRoutes.openapi(pollRoute, async (c) => {
  const { id } = c.req.valid("param");
  const stub = sourceStub(c.env, id);
  const described = await stub.describe();
  if (!described) throw unknownSource(id);
  if (!described.config.url) {
    throw new ProblemError(409, "no_url", `source "${id}" has no url to poll: set one with PUT /api/sources/${id}`);
  }
  const report = await stub.pollNow(Date.now());
  if (!report) throw unknownSource(id);
  return c.json(report, 200);
});
