/**
 * One way errors leave (issue 11 #2): problems thrown by handlers and by the
 * declared validation are rendered by app.onError in the README's shape.
 */
import { describe, expect, it } from "vitest";
import { admin, get, json, uniqueSource } from "../support/api.ts";

describe("errors from the route declarations", () => {
  it("a body that is not JSON is a 400 malformed naming the body's shape; one sent as text/plain is read as JSON", async () => {
    const id = uniqueSource();
    const bad = await admin(`/api/sources/${id}`, { method: "PUT", body: "{not json" });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toEqual({
      code: "malformed",
      message: 'the body must be a JSON object, e.g. {"title": "…"}',
    });
    const plain = await admin(`/api/sources/${id}`, {
      method: "PUT",
      body: JSON.stringify({ title: "Talks" }),
      headers: { "content-type": "text/plain" },
    });
    expect(plain.status).toBe(201);
    expect((await json(plain)).config.title).toBe("Talks");
  });

  it("a bad id is reported before a malformed body, as before", async () => {
    const r = await admin("/api/sources/-bad", { method: "PUT", body: "{not json" });
    expect(r.status).toBe(400);
    expect((await json(r)).error.code).toBe("invalid_source_id");
    const s = await admin("/api/subscriptions/sub_nope", { method: "PATCH", body: "{not json" });
    expect(s.status).toBe(404);
    expect((await json(s)).error.code).toBe("unknown_subscription");
  });

  it("a query, body or path refused by its schema keeps its message", async () => {
    const q = await json(get("/api/events?limit=0"));
    expect(q.error).toMatchObject({
      code: "invalid_request",
      message: 'invalid query: field "limit": expected a number from 1 to 200',
    });
    const b = await json(admin(`/api/sources/${uniqueSource()}`, { method: "PUT", body: '{"format": "csv"}' }));
    expect(b.error.message).toBe('invalid source: field "format": expected json, rss, atom or auto');
    const feed = await get("/feeds/items/a/meeting/x.txt");
    expect(feed.status).toBe(404);
    expect((await json(feed)).error).toEqual({
      code: "not_found",
      message: "item feeds end in .rss, .atom, .json or .ics",
    });
    const other = await json(get("/feeds/other.rss"));
    expect(other.error.message).toMatch(/^feeds: \/feeds\/changes\.rss/);
  });
});
