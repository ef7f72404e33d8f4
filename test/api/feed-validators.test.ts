import { env, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { afterThisSecond } from "../support/eventually.ts";
import { examples } from "../support/examples.ts";
import { breakSourcePublish } from "../support/failing-kv.ts";

/** The 23 April example with one deadline's status changed: one event. */
function revision(status: string, at: string): string {
  const doc = JSON.parse(examples.json0423);
  doc.items[0] = { ...doc.items[0], status, updated_at: at };
  doc.generated_at = at;
  return JSON.stringify(doc);
}

describe("feed validators (Last-Modified, If-Modified-Since)", () => {
  it("no Last-Modified until the second of the newest publication has passed, so a change in that second is never hidden", async () => {
    const source = uniqueSource("lm");
    await createSource(source);
    await ingest(source, examples.json0423);
    const path = `/feeds/changes.rss?source=${source}`;
    await afterThisSecond();
    expect((await json(ingest(source, revision("met", "2025-04-24T09:00:00Z")))).events).toHaveLength(1);
    // Same second as the publication: no date a reader could use to miss the next change.
    const early = await get(path);
    if (Date.now() % 1000 < 900) expect(early.headers.get("last-modified")).toBeNull();

    await afterThisSecond();
    const first = await get(path);
    const lastModified = first.headers.get("last-modified") ?? "";
    expect(lastModified).toMatch(/GMT$/);
    expect((await get(path, { "if-modified-since": lastModified })).status).toBe(304);

    await afterThisSecond();
    expect((await json(ingest(source, revision("missed", "2025-04-25T09:00:00Z")))).events).toHaveLength(1);
    expect((await get(path, { "if-modified-since": lastModified })).status).toBe(200);
  });

  it("an If-Modified-Since that is not an HTTP-date, or is in the future, is ignored", async () => {
    const source = uniqueSource("ims");
    await createSource(source, { baseline: "announce" });
    await ingest(source, examples.json0418);
    await afterThisSecond();
    const path = `/feeds/changes.atom?source=${source}`;
    for (const ims of ["2999", "tomorrow", "Sat, 01 Jan 2999 00:00:00 GMT"]) {
      expect((await get(path, { "if-modified-since": ims })).status, ims).toBe(200);
    }
    const now = new Date(Date.now()).toUTCString();
    expect((await get(path, { "if-modified-since": now })).status).toBe(304);
    // The obsolete asctime form is an HTTP-date too (RFC 9110 §5.6.7).
    const d = new Date(Date.now());
    const asctime = d.toUTCString().replace(/^(\w{3}), (\d{2}) (\w{3}) (\d{4}) (\S+) GMT$/, "$1 $3 $2 $5 $4");
    expect((await get(path, { "if-modified-since": asctime })).status).toBe(304);
  });

  it("an event published late (an outbox retry) moves Last-Modified, though it was detected earlier", async () => {
    const late = uniqueSource("late");
    const other = uniqueSource("other");
    for (const s of [late, other]) {
      await createSource(s);
      await ingest(s, examples.json0423);
    }
    const stub = env.SOURCES.getByName(late);
    const restore = await breakSourcePublish(stub);
    // Detected first, but not yet readable.
    expect((await ingest(late, revision("met", "2025-04-24T09:00:00Z"))).status).toBe(202);
    await afterThisSecond();
    expect((await json(ingest(other, revision("met", "2025-04-24T09:00:00Z")))).events).toHaveLength(1);
    await afterThisSecond();

    const path = `/feeds/changes.json?source=${late},${other}`;
    const before = await get(path);
    const lastModified = before.headers.get("last-modified") ?? "";
    expect(lastModified).toMatch(/GMT$/);
    expect((await json(before)).items).toHaveLength(1);

    await restore();
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    await afterThisSecond();
    const after = await get(path, { "if-modified-since": lastModified });
    expect(after.status).toBe(200);
    expect((await json(after)).items).toHaveLength(2);
  });
});
