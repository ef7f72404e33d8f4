/**
 * Route table of the loopback test server: first path segment → handler.
 * Each module owns its own prefix.
 */
import type { RouteHandler } from "../global-setup.ts";
import { docsRoute } from "./docs.ts";
import { feedValidator } from "./feed-validator.ts";
import { hub } from "./hub.ts";
import { openapiValidator } from "./openapi-validator.ts";
import { receiver } from "./receiver.ts";
import { sources } from "./sources.ts";

export const routes: Record<string, RouteHandler> = {
  docs: docsRoute,
  "feed-validator": feedValidator,
  "openapi-validator": openapiValidator,
  sources,
  receiver,
  hub,
};
