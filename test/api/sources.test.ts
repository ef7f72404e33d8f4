import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin, BASE, createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";

describe("sources", () => {
  it("PUT creates (201) then updates (200) keeping fields left out; GET shows config and status", async () => {
    const id = uniqueSource();
    const created = await admin(`/api/sources/${id}`, {
      method: "PUT",
      body: JSON.stringify({ title: "Talks", url: "https://example.org/feed.json", baseline: "announce" }),
    });
    expect(created.status).toBe(201);
    expect((await json(created)).config).toMatchObject({
      id,
      title: "Talks",
      url: "https://example.org/feed.json",
      format: "auto",
      interval_minutes: 15,
      baseline: "announce",
    });
    const updated = await admin(`/api/sources/${id}`, {
      method: "PUT",
      body: JSON.stringify({ interval_minutes: 30 }),
    });
    expect(updated.status).toBe(200);
    const got = await json(get(`/api/sources/${id}`));
    expect(got.config).toMatchObject({ title: "Talks", interval_minutes: 30, baseline: "announce" });
    expect(got.status).toMatchObject({ baselined: false, counts: { ingests: 0 } });
    const list = await json(get("/api/sources"));
    expect(list.sources.map((s: { config: { id: string } }) => s.config.id)).toContain(id);
  });

  it("rejects a bad config naming the field", async () => {
    const r = await admin(`/api/sources/${uniqueSource()}`, {
      method: "PUT",
      body: JSON.stringify({ interval_minutes: 2, format: "csv" }),
    });
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.error.issues.map((i: { field: string }) => i.field).sort()).toEqual(["format", "interval_minutes"]);
    expect(body.error.message).toMatch(/interval_minutes|format/);
  });

  it("rejects a bad source id", async () => {
    const r = await admin("/api/sources/bad%20id!", { method: "PUT", body: "{}" });
    expect(r.status).toBe(400);
    expect((await json(r)).error.code).toBe("invalid_source_id");
  });

  it("DELETE removes the source and its items; pushing to an unknown source says how to create it", async () => {
    const id = uniqueSource();
    await createSource(id);
    await ingest(id, examples.json0418);
    expect((await admin(`/api/sources/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await get(`/api/sources/${id}`)).status).toBe(404);
    expect((await json(get(`/api/items?source=${id}`))).items).toEqual([]);
    const push = await ingest(id, examples.json0418);
    expect(push.status).toBe(404);
    expect((await json(push)).error.message).toContain(`PUT /api/sources/${id}`);
    expect((await admin(`/api/sources/${id}`, { method: "DELETE" })).status).toBe(404);
  });
});

describe("auth", () => {
  it("every write needs the admin bearer token; reads are public", async () => {
    const id = uniqueSource();
    const noAuth = await SELF.fetch(`${BASE}/api/sources/${id}`, { method: "PUT", body: "{}" });
    expect(noAuth.status).toBe(401);
    expect((await json(noAuth)).error.code).toBe("unauthorized");
    const wrong = await SELF.fetch(`${BASE}/api/sources/${id}`, {
      method: "PUT",
      body: "{}",
      headers: { authorization: "Bearer not-the-token" },
    });
    expect(wrong.status).toBe(401);
    expect((await get(`/api/sources/${id}`)).status).toBe(404); // nothing was created
    await createSource(id);
    for (const [method, path] of [
      ["POST", `/api/sources/${id}/ingest`],
      ["DELETE", `/api/sources/${id}`],
    ]) {
      const r = await SELF.fetch(`${BASE}${path}`, { method, body: method === "POST" ? examples.json0418 : undefined });
      expect(r.status, `${method} ${path}`).toBe(401);
    }
    expect((await get(`/api/sources/${id}`)).status).toBe(200);
    expect((await get("/api/events")).status).toBe(200);
    expect((await get("/feeds/changes.rss")).status).toBe(200);
  });
});
