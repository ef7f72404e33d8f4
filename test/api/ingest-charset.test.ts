import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { admin, createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";
import { encodeSingleByte } from "../support/legacy-encoding.ts";

/** The RSS example as windows-1252 bytes ("–" is one byte, 0x96), declared in its XML declaration. */
const declared = encodeSingleByte(
  examples.rss0418.replace('encoding="UTF-8"', 'encoding="windows-1252"'),
  "windows-1252",
);

async function itemsOf(source: string) {
  const list = (await json(get(`/api/items?source=${source}`))).items as { source: string }[];
  return list.map(({ source: _s, ...rest }) => rest);
}

async function utf8Baseline() {
  const source = uniqueSource("utf8");
  await createSource(source);
  expect((await ingest(source, examples.rss0418, "application/rss+xml")).status).toBe(200);
  const items = await itemsOf(source);
  expect(JSON.stringify(items)).toContain("Ukraine–Russia");
  return items;
}

it("a windows-1252 document, declared in its XML declaration or by the Content-Type charset, reads exactly as the UTF-8 one", async () => {
  expect(examples.rss0418).toContain('encoding="UTF-8"');
  expect([...declared]).toContain(0x96);
  const expected = await utf8Baseline();

  const byDeclaration = uniqueSource("cp1252-decl");
  await createSource(byDeclaration);
  expect((await ingest(byDeclaration, declared, "application/rss+xml")).status).toBe(200);
  expect(await itemsOf(byDeclaration)).toEqual(expected);

  // The charset parameter wins over a declaration that says otherwise (RFC 7303).
  const byHeader = uniqueSource("cp1252-header");
  await createSource(byHeader);
  const mislabelled = encodeSingleByte(examples.rss0418, "windows-1252");
  expect((await ingest(byHeader, mislabelled, "application/rss+xml; charset=windows-1252")).status).toBe(200);
  expect(await itemsOf(byHeader)).toEqual(expected);
});

it("a polled source served in windows-1252 reads exactly as the UTF-8 one", async () => {
  const expected = await utf8Baseline();
  const key = uniqueSource("cp1252-doc");
  await fetch(`${env.LOOPBACK_URL}/docs/${key}?type=${encodeURIComponent("text/xml")}`, {
    method: "PUT",
    body: declared,
  });
  const source = uniqueSource("cp1252-poll");
  await createSource(source, { url: `${env.LOOPBACK_URL}/docs/${key}` });
  const r = await json(admin(`/api/sources/${source}/poll`, { method: "POST" }));
  expect(r.outcome).toMatchObject({ result: "ok", items: expected.length });
  expect(await itemsOf(source)).toEqual(expected);
});
