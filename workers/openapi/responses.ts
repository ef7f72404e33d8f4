/** Building blocks of the route declarations: JSON responses, the error responses, the bearer scheme. */
import type { z } from "@hono/zod-openapi";
import { ProblemSchema } from "./schemas.ts";

/** A JSON response with its schema. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

const PROBLEMS = {
  400: "Invalid request: the message names the field (or item and field)",
  401: "No valid `Authorization: Bearer <ADMIN_TOKEN>`",
  404: "Nothing by that name",
  409: "Conflict with the current state",
  413: "The body is larger than MAX_BODY_BYTES",
  415: "Unsupported Content-Type or character encoding",
  503: "ADMIN_TOKEN is not configured: writes are disabled",
} as const;
type ProblemStatus = keyof typeof PROBLEMS;

/** Error responses, each a Problem; `described` overrides the default description of a status. */
export function problems<S extends ProblemStatus>(statuses: readonly S[], described: Partial<Record<S, string>> = {}) {
  const out = {} as Record<S, ReturnType<typeof json<typeof ProblemSchema>>>;
  for (const s of statuses) out[s] = json(ProblemSchema, described[s] ?? PROBLEMS[s]);
  return out;
}

/** The security requirement of every write: the admin bearer token. */
export const ADMIN = [{ bearer: [] }];

/** Responses every admin route may give before it looks at the request. */
export const ADMIN_PROBLEMS = [401, 503] as const;
