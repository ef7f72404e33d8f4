/**
 * Route table of the loopback test server: first path segment → handler.
 * Each module owns its own prefix.
 */
import type { RouteHandler } from "../global-setup.ts";

export const routes: Record<string, RouteHandler> = {};
