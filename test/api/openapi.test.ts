/**
 * The API as declared contracts (issue 11 #1): /openapi.json is generated
 * from the route declarations, names every route the app serves, and is a
 * valid OpenAPI 3.1 document (checked by @readme/openapi-parser in Node,
 * through the loopback server: test/support/routes/openapi-validator.ts).
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../workers/app.ts";
import { get, json } from "../support/api.ts";

/**
 * Routes that document the API, only serve the local demo, or are the board's
 * HTML pages for people (/sources/{id}, /items/{source}/{kind}/{id}): not part
 * of the document. (`/` is both a page and the documented JSON index.)
 */
const UNDOCUMENTED = [/^\/openapi\.json$/, /^\/docs$/, /^\/demo(\/|$)/, /^\/sources\/:id$/, /^\/items\//];

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON.
type Doc = any;

/** Hono's `/api/sources/:id` as OpenAPI's `/api/sources/{id}`. */
const openapiPath = (path: string) => path.replace(/:([^/{]+)(\{[^}]*\})?/g, "{$1}");

describe("the OpenAPI document", () => {
  it("is served at /openapi.json as OpenAPI 3.1", async () => {
    const r = await get("/openapi.json");
    expect(r.status).toBe(200);
    const doc: Doc = await r.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("documents every route the app serves", async () => {
    const doc: Doc = await json(get("/openapi.json"));
    const served = app.routes
      .filter((r) => r.method !== "ALL" && !UNDOCUMENTED.some((re) => re.test(r.path)))
      .map((r) => `${r.method} ${openapiPath(r.path)}`);
    expect(served.length).toBeGreaterThan(15);
    const missing = [...new Set(served)].filter((route) => {
      const [method, path] = route.split(" ");
      return !doc.paths[path]?.[method.toLowerCase()];
    });
    expect(missing).toEqual([]);
  });

  it("names the API's and the feeds' paths, their errors, and the bearer scheme on writes", async () => {
    const doc: Doc = await json(get("/openapi.json"));
    for (const path of [
      "/api/sources",
      "/api/sources/{id}",
      "/api/sources/{id}/ingest",
      "/api/sources/{id}/poll",
      "/api/events",
      "/api/items",
      "/api/items/{source}/{kind}/{id}",
      "/api/subscriptions",
      "/api/subscriptions/{id}",
      "/api/subscriptions/{id}/deliveries",
      "/api/subscriptions/{id}/replay",
      "/feeds/changes.rss",
      "/feeds/changes.atom",
      "/feeds/changes.json",
      "/feeds/items/{source}/{kind}/{file}",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const ingest = doc.paths["/api/sources/{id}/ingest"].post;
    expect(ingest.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(ingest.responses).sort()).toEqual(["200", "202", "400", "401", "404", "413", "415", "503"]);
    expect(Object.keys(ingest.requestBody.content)).toEqual(
      expect.arrayContaining(["application/json", "application/rss+xml", "application/atom+xml"]),
    );
    expect(ingest.requestBody.content["application/json"].example.version).toBe("1");
    const put = doc.paths["/api/sources/{id}"].put;
    expect(put.security).toEqual([{ bearer: [] }]);
    expect(put.requestBody.content["application/json"].example.title).toMatch(/Ukraine/);
    expect(doc.paths["/api/sources/{id}"].get.security).toBeUndefined();
    expect(doc.paths["/api/subscriptions/{id}/test"].post.responses["409"]).toBeDefined();
    const events = doc.paths["/api/events"].get;
    expect(events.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["source", "type", "kind", "tag", "item", "severity", "limit", "after"]),
    );
    expect(events.responses["400"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Problem",
    });
  });

  it("is valid for a real OpenAPI validator (@readme/openapi-parser)", async () => {
    const doc = await (await get("/openapi.json")).text();
    const r = await fetch(`${env.LOOPBACK_URL}/openapi-validator`, { method: "POST", body: doc });
    expect(r.status).toBe(200);
    const result = (await r.json()) as { valid: boolean; errors: string };
    expect(result.errors).toBe("");
    expect(result.valid).toBe(true);
  });
});

describe("/docs", () => {
  it("answers an HTML reference that loads /openapi.json", async () => {
    const r = await get("/docs");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await r.text()).toContain("/openapi.json");
  });
});
