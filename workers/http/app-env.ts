import type { JsonBodyNames } from "./validation.ts";

/** Hono's environment for parley's app: the Worker bindings, and what a JSON-body route calls its body. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** Set by jsonBody (workers/http/validation.ts), read when the body is refused. */
    jsonBody?: JsonBodyNames;
  };
}
