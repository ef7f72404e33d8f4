/**
 * Writes need `Authorization: Bearer <ADMIN_TOKEN>`. Hono's bearerAuth compares
 * tokens in constant time (hash then timing-safe compare). Without a configured
 * ADMIN_TOKEN every write is refused rather than left open.
 */
import type { MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import type { AppEnv } from "./app-env.ts";
import { ProblemError } from "./problem.ts";

const UNAUTHORIZED = "this endpoint needs Authorization: Bearer <ADMIN_TOKEN>";
const unauthorized = { error: { code: "unauthorized", message: UNAUTHORIZED } };

/** RFC 6750 b64token (token68): the characters a bearer token can carry. */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
/**
 * The whole header must be the scheme and one token68 (RFC 6750 §2.1). Anything
 * else — another scheme, no token, characters a token cannot hold, more after
 * the token, or two Authorization headers (which arrive joined by ", ") — is a
 * 401, as the README promises; bearerAuth alone would answer 400 to some.
 */
const BEARER = /^Bearer +[A-Za-z0-9\-._~+/]+=*$/i;

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = c.env.ADMIN_TOKEN;
  if (!token) {
    throw new ProblemError(503, "not_configured", "ADMIN_TOKEN is not set: writes are disabled (see README)");
  }
  if (!TOKEN68.test(token)) {
    throw new ProblemError(
      503,
      "not_configured",
      "ADMIN_TOKEN holds characters a bearer token cannot carry (use letters, digits and - . _ ~ + /, e.g. openssl rand -hex 32): writes are disabled",
    );
  }
  // Not exactly one well-formed bearer token: 401, never bearerAuth's 400 for a malformed header.
  if (!BEARER.test(c.req.header("authorization") ?? "")) {
    throw new ProblemError(401, "unauthorized", UNAUTHORIZED, {}, { "WWW-Authenticate": 'Bearer realm="parley"' });
  }
  return bearerAuth<AppEnv>({
    token,
    noAuthenticationHeader: { message: unauthorized },
    invalidAuthenticationHeader: { message: unauthorized },
    invalidToken: { message: { error: { code: "unauthorized", message: "the bearer token is not valid" } } },
  })(c, next);
};
