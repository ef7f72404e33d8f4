/**
 * Writes need `Authorization: Bearer <ADMIN_TOKEN>`. Hono's bearerAuth compares
 * tokens in constant time (hash then timing-safe compare). Without a configured
 * ADMIN_TOKEN every write is refused rather than left open.
 */
import type { MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import type { AppEnv } from "./app-env.ts";

const unauthorized = {
  error: { code: "unauthorized", message: "this endpoint needs Authorization: Bearer <ADMIN_TOKEN>" },
};

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = c.env.ADMIN_TOKEN;
  if (!token) {
    return c.json(
      { error: { code: "not_configured", message: "ADMIN_TOKEN is not set: writes are disabled (see README)" } },
      503,
    );
  }
  return bearerAuth<AppEnv>({
    token,
    noAuthenticationHeader: { message: unauthorized },
    invalidAuthenticationHeader: { message: unauthorized },
    invalidToken: { message: { error: { code: "unauthorized", message: "the bearer token is not valid" } } },
  })(c, next);
};
