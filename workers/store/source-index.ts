/**
 * The list of sources: kept in the catalog by each source's Durable Object
 * (its view and next wake time, written when they change), so listing every
 * source is one request, not one per source.
 */
import type { SourceView } from "../../src/sources/source-view.ts";
import { catalogStub } from "../catalog-stub.ts";

export async function listSources(env: Env): Promise<SourceView[]> {
  return (await catalogStub(env).sources()).map((s) => s.view);
}

export async function listSourceIds(env: Env): Promise<string[]> {
  return (await listSources(env)).map((v) => v.config.id);
}
