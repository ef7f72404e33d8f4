/** The board's pages through the Worker: negotiation at /, CSP, ETag/304, 404s as pages. */
import { describe, expect, it } from "vitest";
import { createSource, get, ingest, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";

const HTML = { accept: "text/html,application/xhtml+xml" };

describe("board pages", () => {
  it("/ is JSON for API clients and a page for browsers, which answers 304 to its ETag", async () => {
    const api = await get("/");
    expect(api.headers.get("content-type")).toMatch(/json/);
    expect(api.headers.get("vary")).toMatch(/Accept/);
    await api.body?.cancel();
    const source = uniqueSource("board");
    await createSource(source);
    await ingest(source, examples.json0418);
    await ingest(source, examples.json0423);
    const page = await get(`/?source=${source}`, HTML);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(
      /^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-/,
    );
    const body = await page.text();
    expect(body).toContain("London talks on a Ukraine ceasefire: downgraded");
    expect(body).toContain(`href="https://parley.test/feeds/changes.rss?source=${source}"`);
    expect(body).toContain(`webcal://parley.test/feeds/calendar.ics?source=${source}`);
    const again = await get(`/?source=${source}`, { ...HTML, "if-none-match": page.headers.get("etag") ?? "" });
    expect(again.status).toBe(304);
  });

  it("a source page shows its poll health; an item page its timeline; unknown ones are 404 pages", async () => {
    const source = uniqueSource("board");
    await createSource(source);
    await ingest(source, examples.json0418);
    await ingest(source, examples.json0423);
    const sourcePage = await (await get(`/sources/${source}`, HTML)).text();
    expect(sourcePage).toContain("Poll health");
    const item = await get(`/items/${source}/meeting/london-talks-2025-04-23`, HTML);
    const text = await item.text();
    expect(text).toMatch(/<svg class="timeline"[^>]*role="img"/);
    expect(text).toMatch(/<circle class="major"|<circle class="mk-major"/);
    expect(text).toContain("<title>London talks on a Ukraine ceasefire: downgraded");
    for (const path of [`/sources/${source}-missing`, `/items/${source}/meeting/nope`, `/items/${source}/poll/x`]) {
      const r = await get(path, HTML);
      expect(r.status, path).toBe(404);
      expect(r.headers.get("content-type")).toMatch(/^text\/html/);
      await r.body?.cancel();
    }
  });
});
