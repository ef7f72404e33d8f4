/**
 * Demo documents for `npm start` (only when the DEMO var is "true"): the local
 * worker serves the shared example snapshots itself, so the demo source can
 * be polled like any real one. /demo/talks.json serves the stage chosen with
 * PUT /demo/stage/{0418|0423} (admin), so a poll shows a real change.
 */
import { Hono } from "hono";
import talks0418 from "../../examples/talks-2025-04-18.json";
import talks0423 from "../../examples/talks-2025-04-23.json";
import { requireAdmin } from "../http/admin-auth.ts";
import type { AppEnv } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";

const STAGES: Record<string, unknown> = { "0418": talks0418, "0423": talks0423 };
let stage = "0418";

export const demoRoutes = new Hono<AppEnv>();

demoRoutes.use("*", async (c, next) => {
  if (c.env.DEMO !== "true")
    throw new ProblemError(404, "not_found", "the demo is only served with DEMO=true (npm start)");
  await next();
});

demoRoutes.get("/talks.json", (c) => c.json(STAGES[stage]));

demoRoutes.put("/stage/:stage", requireAdmin, (c) => {
  const next = c.req.param("stage");
  if (!(next in STAGES)) throw new ProblemError(404, "not_found", `stages: ${Object.keys(STAGES).join(", ")}`);
  stage = next;
  return c.json({ stage });
});
