/** Hono's environment for parley's app: the Worker bindings. */
export interface AppEnv {
  Bindings: Env;
}
