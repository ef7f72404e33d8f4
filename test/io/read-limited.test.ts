import { describe, expect, it } from "vitest";
import { readLimited } from "../../src/io/read-limited.ts";

function stream(chunks: number[], size = 100): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks.length) return controller.close();
      controller.enqueue(new Uint8Array(chunks[pulled++] ?? size));
    },
  });
  return { body, pulled: () => pulled };
}

describe("readLimited", () => {
  it("reads a body within the limit whole", async () => {
    const r = await readLimited(stream([100, 100]).body, 200);
    expect(r).toMatchObject({ ok: true, bytes: 200 });
  });

  it("stops as soon as the body passes the limit, without reading the rest", async () => {
    const s = stream(Array(1000).fill(100));
    const r = await readLimited(s.body, 250);
    expect(r.ok).toBe(false);
    expect(s.pulled()).toBeLessThan(10);
  });
});
