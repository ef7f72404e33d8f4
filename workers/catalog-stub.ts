import type { CatalogObject } from "./catalog-object.ts";

type Methods = Pick<
  CatalogObject,
  | "publish"
  | "putSource"
  | "deleteSource"
  | "sources"
  | "overdue"
  | "events"
  | "eventByKey"
  | "item"
  | "items"
  | "calendarItems"
>;

/** The catalog's methods as callers see them over RPC: every result a promise. */
export type CatalogMethods = {
  [K in keyof Methods]: (...args: Parameters<Methods[K]>) => Promise<Awaited<ReturnType<Methods[K]>>>;
};

/** The one catalog Durable Object (parley's read model). */
export function catalogStub(env: Env): CatalogMethods {
  return env.CATALOG.getByName("catalog") as unknown as CatalogMethods;
}
