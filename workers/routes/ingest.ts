/**
 * POST /api/sources/{id}/ingest: a whole update document, JSON or XML by
 * Content-Type. 200 with the events, or 400/413/415 naming item and field; a
 * rejected document changes nothing (it is only recorded as the last error).
 */
import { Hono, type MiddlewareHandler } from "hono";
import { mediaTypeKind } from "../../src/ingest/decode-body.ts";
import { decodeDocument } from "../../src/ingest/decode-document.ts";
import { DocumentError } from "../../src/ingest/errors.ts";
import { MAX_DOCUMENT_BYTES } from "../../src/ingest/limits.ts";
import { readLimited } from "../../src/io/read-limited.ts";
import { SOURCE_ID } from "../../src/sources/source-config.ts";
import { boundedErrorMessage } from "../../src/sources/source-status.ts";
import { excerpt } from "../../src/text/excerpt.ts";
import { toUtcIso } from "../../src/time/instant.ts";
import { intVar } from "../env-config.ts";
import { requireAdmin } from "../http/admin-auth.ts";
import type { AppEnv } from "../http/app-env.ts";
import { documentProblem, problem } from "../http/problem.ts";
import { sourceStub } from "../source-stub.ts";
import { BAD_ID, unknownSource } from "./sources.ts";

export const ingestRoutes = new Hono<AppEnv>();

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

/** After auth: an id no source can have is a 400, not a 404 advising a PUT that would fail. */
const knownShape: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SOURCE_ID.test(c.req.param("id") ?? "")) return problem(c, 400, "invalid_source_id", BAD_ID);
  await next();
};

ingestRoutes.post("/:id/ingest", requireAdmin, knownShape, async (c) => {
  const id = c.req.param("id");
  const stub = sourceStub(c.env, id);
  if (!(await stub.describe())) return unknownSource(c, id);
  const receivedAt = toUtcIso(Date.now());
  let document: Awaited<ReturnType<typeof readDocument>>;
  try {
    document = await readDocument(c.req.raw, intVar(c.env.MAX_BODY_BYTES, MAX_DOCUMENT_BYTES), receivedAt);
  } catch (err) {
    if (!(err instanceof DocumentError)) throw err;
    await stub.recordRejection("push", boundedErrorMessage(err.message), receivedAt);
    return documentProblem(c, err);
  }
  const result = await stub.ingest(document, "push", receivedAt, {
    confirmRemovals: c.req.query("confirm_removals") === "true",
  });
  if (!result) return unknownSource(c, id);
  if (result.refused) {
    return documentProblem(
      c,
      new DocumentError("invalid_document", result.refused, [{ field: "items", message: result.refused }]),
    );
  }
  const body = { events: result.events, stale: result.stale, unchanged: result.unchanged, baseline: result.baseline };
  // Applied, but the copy to KV failed and is being retried: accepted, not yet readable.
  if (!result.published) return c.json({ ...body, published: false }, 202);
  return c.json(body);
});

/** POST /api/sources/{id}/poll: poll the source's URL now, whatever its interval. */
ingestRoutes.post("/:id/poll", requireAdmin, knownShape, async (c) => {
  const id = c.req.param("id");
  const stub = sourceStub(c.env, id);
  const described = await stub.describe();
  if (!described) return unknownSource(c, id);
  if (!described.config.url) {
    return problem(c, 409, "no_url", `source "${id}" has no url to poll: set one with PUT /api/sources/${id}`);
  }
  return c.json(await stub.pollNow(Date.now()));
});
