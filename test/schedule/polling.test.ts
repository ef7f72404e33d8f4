import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import atom from "../fixtures/talks-2025-04-18.atom.xml?raw";
import { admin, createSource, get, json, readModel, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";

async function serve(key: string, body: string, type = "application/json") {
  await fetch(`${env.LOOPBACK_URL}/docs/${key}?type=${encodeURIComponent(type)}`, { method: "PUT", body });
}

async function failWith(key: string, status: number) {
  await fetch(`${env.LOOPBACK_URL}/docs/${key}?status=${status}`, { method: "PUT" });
}

async function stats(key: string) {
  return json(fetch(`${env.LOOPBACK_URL}/docs/${key}/stats`));
}

async function poll(source: string) {
  const r = await admin(`/api/sources/${source}/poll`, { method: "POST" });
  expect(r.status).toBe(200);
  return json(r);
}

async function polledSource(url: string, config: Record<string, unknown> = {}) {
  const source = uniqueSource("poll");
  await createSource(source, { url, ...config });
  return source;
}

describe("polling a source", () => {
  it("200 then 304: the second poll sends If-None-Match, parses nothing and writes nothing", async () => {
    const key = uniqueSource("doc");
    await serve(key, examples.json0418);
    const source = await polledSource(`${env.LOOPBACK_URL}/docs/${key}`);
    const first = await poll(source);
    expect(first.outcome).toMatchObject({ result: "ok", status: 200, items: 6 });
    const before = await json(get(`/api/sources/${source}`));
    const readBefore = await readModel(source);
    const second = await poll(source);
    expect(second.outcome).toMatchObject({ result: "not_modified", status: 304, items: 0, bytes: 0 });
    expect(await stats(key)).toMatchObject({ hits: 2, full: 1, notModified: 1 });
    const after = await json(get(`/api/sources/${source}`));
    expect(after.status.counts.ingests).toBe(before.status.counts.ingests);
    expect(await readModel(source)).toEqual(readBefore);
    expect((await stats(key)).userAgents[0]).toMatch(/^parley\/\d+\.\d+\.\d+/);

    // A changed document is fetched in full and goes through the same ingest path as a push.
    await serve(key, examples.json0423);
    const third = await poll(source);
    expect(third.outcome).toMatchObject({ result: "ok", events: 1 });
    expect(third.events[0].type).toBe("meeting.downgraded");
  });

  it("a source that hangs times out; the timeout is recorded", async () => {
    const source = await polledSource(`${env.LOOPBACK_URL}/sources/hang?key=${uniqueSource()}`);
    const r = await poll(source);
    expect(r.outcome).toMatchObject({ result: "error" });
    expect(r.outcome.error).toMatch(/timed out after 1500 ms/);
    const view = await json(get(`/api/sources/${source}`));
    expect(view.poll.consecutive_failures).toBe(1);
    expect(view.poll.outcomes[0].error).toBe(r.outcome.error);
  });

  it("an endless body is cut at the size limit", async () => {
    const source = await polledSource(`${env.LOOPBACK_URL}/sources/endless?key=${uniqueSource()}`);
    const r = await poll(source);
    expect(r.outcome.result).toBe("error");
    expect(r.outcome.error).toMatch(/body exceeds 5242880 bytes/);
  });

  it("a redirect loop stops after 3 redirects", async () => {
    const source = await polledSource(`${env.LOOPBACK_URL}/sources/loop?key=${uniqueSource()}`);
    const r = await poll(source);
    expect(r.outcome.error).toMatch(/too many redirects/);
  });

  it("a feed served as text/plain that is really Atom is read as Atom", async () => {
    const key = uniqueSource("atom");
    await serve(key, atom, "text/plain; charset=utf-8");
    const source = await polledSource(`${env.LOOPBACK_URL}/docs/${key}`, { format: "auto" });
    const r = await poll(source);
    expect(r.outcome).toMatchObject({ result: "ok", items: 6 });
    const items = await json(get(`/api/items?source=${source}`));
    expect(items.items).toHaveLength(6);
  });

  it("a relative item link in a polled feed resolves against the feed's URL; pushed, it is refused", async () => {
    const key = uniqueSource("relative");
    const withRelativeLink = examples.rss0418.replace(
      "<title>Signing of the US–Ukraine critical minerals agreement</title>",
      "$&<link>deals/minerals</link>",
    );
    expect(withRelativeLink).not.toBe(examples.rss0418);
    await serve(key, withRelativeLink, "application/rss+xml");
    const source = await polledSource(`${env.LOOPBACK_URL}/docs/${key}`);
    expect((await poll(source)).outcome).toMatchObject({ result: "ok", items: 6 });
    const view = await json(get(`/api/items/${source}/deadline/us-ukraine-minerals-deal`));
    expect(view.item.url).toBe(`${env.LOOPBACK_URL}/docs/deals/minerals`);

    const pushed = await admin(`/api/sources/${source}/ingest`, {
      method: "POST",
      headers: { "content-type": "application/rss+xml" },
      body: withRelativeLink,
    });
    expect(pushed.status).toBe(400);
    expect((await json(pushed)).error.message).toMatch(/item 1 \(id "us-ukraine-minerals-deal"\), field "url"/);
  });

  it("sends only the validators of the last accepted response: a change back is not missed as 304", async () => {
    const key = uniqueSource("validators");
    await serve(key, examples.json0418); // served with an ETag
    const source = await polledSource(`${env.LOOPBACK_URL}/docs/${key}`);
    expect((await poll(source)).outcome.result).toBe("ok");
    // The next version comes with Last-Modified only: the old ETag must not be kept.
    await fetch(
      `${env.LOOPBACK_URL}/docs/${key}?type=application/json&lm=${encodeURIComponent("Wed, 23 Apr 2025 18:00:00 GMT")}`,
      { method: "PUT", body: examples.json0423 },
    );
    expect((await poll(source)).events.map((e: { type: string }) => e.type)).toEqual(["meeting.downgraded"]);
    await serve(key, examples.json0418); // back to the first version, with its ETag again
    const back = await poll(source);
    expect(back.outcome).toMatchObject({ result: "ok", status: 200 });
    expect((await stats(key)).validators[2]).toEqual({ ifModifiedSince: "Wed, 23 Apr 2025 18:00:00 GMT" });
  });

  it("a new URL gets no validators of the old one", async () => {
    const a = uniqueSource("url-a");
    const b = uniqueSource("url-b");
    const put = (key: string, body: string, lm: string) =>
      fetch(`${env.LOOPBACK_URL}/docs/${key}?type=application/json&lm=${encodeURIComponent(lm)}`, {
        method: "PUT",
        body,
      });
    await put(a, examples.json0418, "Fri, 25 Apr 2025 09:00:00 GMT");
    await put(b, examples.json0423, "Wed, 23 Apr 2025 18:00:00 GMT");
    const source = await polledSource(`${env.LOOPBACK_URL}/docs/${a}`);
    expect((await poll(source)).outcome.result).toBe("ok");
    await createSource(source, { url: `${env.LOOPBACK_URL}/docs/${b}` });
    const moved = await poll(source);
    expect(moved.outcome).toMatchObject({ result: "ok", status: 200 });
    expect(moved.events.map((e: { type: string }) => e.type)).toEqual(["meeting.downgraded"]);
    expect((await stats(b)).validators).toEqual([{}]);
  });

  it("a document that fails validation is a recorded failure and changes nothing", async () => {
    const key = uniqueSource("bad");
    await serve(key, JSON.stringify({ version: "2", items: [] }));
    const source = await polledSource(`${env.LOOPBACK_URL}/docs/${key}`);
    const r = await poll(source);
    expect(r.outcome).toMatchObject({ result: "rejected", status: 200 });
    expect(r.outcome.error).toMatch(/version/);
    const view = await json(get(`/api/sources/${source}`));
    expect(view.status.last_error.via).toBe("poll");
    expect((await readModel(source)).items.items).toEqual([]);
  });

  it("500 three times: one source.failing; recovery: one source.recovered", async () => {
    const key = uniqueSource("flaky");
    await serve(key, examples.json0418);
    const source = await polledSource(`${env.LOOPBACK_URL}/docs/${key}`);
    await poll(source);
    await failWith(key, 500);
    const failures = [];
    for (let i = 0; i < 5; i++) failures.push(await poll(source));
    expect(failures.map((f) => f.outcome.status)).toEqual([500, 500, 500, 500, 500]);
    expect(failures.map((f) => f.events.map((e: { type: string }) => e.type))).toEqual([
      [],
      [],
      ["source.failing"],
      [],
      [],
    ]);
    const failing = failures[2].events[0];
    expect(failing).toMatchObject({ severity: "major", item: { kind: "source", id: source, consecutive_failures: 3 } });
    expect(failing.summary).toMatch(/failing: 3 polls in a row \(last: HTTP 500/);
    const view = await json(get(`/api/sources/${source}`));
    expect(view.poll.consecutive_failures).toBe(5);
    expect(view.poll.outcomes).toHaveLength(6);

    await serve(key, examples.json0418);
    const ok = await poll(source);
    expect(ok.events.map((e: { type: string }) => e.type)).toEqual(["source.recovered"]);
    expect((await poll(source)).events).toEqual([]);

    const log = await json(get(`/api/events?source=${source}&type=source.*`));
    expect(log.events.map((e: { type: string }) => e.type)).toEqual(["source.recovered", "source.failing"]);
    const feed = await json(get(`/feeds/changes.json?source=${source}`));
    expect(feed.items.map((i: { id: string }) => i.id)).toContain(failing.id);
  });

  it("a source without a url cannot be polled", async () => {
    const source = uniqueSource();
    await createSource(source);
    const r = await admin(`/api/sources/${source}/poll`, { method: "POST" });
    expect(r.status).toBe(409);
  });
});
