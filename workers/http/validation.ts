/**
 * Request validation through the route declarations (workers/routes/*):
 * a hook turns a failed zod parse of the path, query or body into the
 * problem it has always been, and jsonBody keeps JSON bodies read as JSON
 * whatever their Content-Type says.
 */
import type { Hook } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.ts";
import { invalidRequest, type ProblemError } from "./problem.ts";

export interface HookProblems {
  /** The problem for a path that names nothing this route serves (e.g. a 404, or a 400 for a bad id). */
  param?: (params: Record<string, string>) => ProblemError;
}

/**
 * A router's validation hook (its defaultHook): a failed parse is thrown as a
 * problem, rendered by app.onError. A body's 400 begins with what the route's
 * jsonBody calls it (e.g. "invalid source").
 */
// biome-ignore lint/suspicious/noExplicitAny: a hook fits every route's input; it only reads failures.
export function problemHook(problems: HookProblems = {}): Hook<any, AppEnv, any, undefined> {
  return (result, c: Context<AppEnv>) => {
    if (result.success) return undefined;
    const issues = result.error.issues;
    if (result.target === "param" && problems.param) throw problems.param(c.req.param() as Record<string, string>);
    if (result.target === "json") throw invalidRequest(c.get("jsonBody")?.what ?? "invalid body", issues);
    throw invalidRequest(`invalid ${result.target === "param" ? "path" : result.target}`, issues);
  };
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** What a route calls its JSON body in a 400: `what` (e.g. "invalid source") and an example of its shape. */
export interface JsonBodyNames {
  what: string;
  example: string;
}

/**
 * Route middleware for JSON bodies: the body is read as JSON whatever its
 * Content-Type (as the API always has; clients often send none, or
 * text/plain), so the request is relabelled application/json for the
 * declared body validator. A body that is not JSON at all is a 400
 * `malformed` naming the example (rendered by app.onError, after the path's
 * checks, as before).
 */
export function jsonBody(names: JsonBodyNames): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("jsonBody", names);
    const type = c.req.header("content-type")?.split(";")[0].trim() ?? "";
    if (!JSON_MEDIA_TYPE.test(type)) {
      const headers = new Headers(c.req.raw.headers);
      headers.set("content-type", "application/json");
      c.req.raw = new Request(c.req.raw, { headers });
    }
    await next();
  };
}

/** The 400 for a body that is not JSON at all, on a route that took jsonBody (null elsewhere). */
export function malformedBodyMessage(c: Context<AppEnv>): string | null {
  const names = c.get("jsonBody");
  return names === undefined ? null : `the body must be a JSON object, e.g. ${names.example}`;
}
