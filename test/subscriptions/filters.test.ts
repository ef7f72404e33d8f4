import { describe, expect, it } from "vitest";
import { createSource, ingest, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";
import { received, receivedAtLeast, receiverName, receiverUrl, remove, subscribe } from "./helpers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("subscription filters on the shared examples", () => {
  it("meeting.* + peace-talks + major and meeting.held get exactly the London event; deadline.* gets nothing", async () => {
    const source = uniqueSource("filters");
    await createSource(source); // default: the first ingest is a silent baseline
    const names = { meetings: receiverName("m"), held: receiverName("h"), deadlines: receiverName("d") };
    const subs = await Promise.all([
      subscribe({ url: receiverUrl(names.meetings), types: ["meeting.*"], tags: ["peace-talks"], severity: "major" }),
      subscribe({ url: receiverUrl(names.held), types: ["meeting.held"] }),
      subscribe({ url: receiverUrl(names.deadlines), types: ["deadline.*"] }),
    ]);
    await ingest(source, examples.json0418);
    await ingest(source, examples.json0423);

    // Other tests ingest the same examples under their own sources: look only at this source's events.
    const fromThisSource = async (name: string) =>
      (await received(name)).map((q) => JSON.parse(q.body)).filter((e) => e.source === source);
    await receivedAtLeast(names.meetings, 1);
    await receivedAtLeast(names.held, 1);
    await sleep(1500); // the deadline subscription's messages went out in the same sendBatch
    const meetings = await fromThisSource(names.meetings);
    const held = await fromThisSource(names.held);
    expect(meetings.map((e) => e.item.id)).toEqual(["london-talks-2025-04-23"]);
    expect(meetings[0].kinds).toEqual(["meeting.downgraded", "meeting.held", "meeting.updated"]);
    expect(held.map((e) => e.id)).toEqual(meetings.map((e) => e.id));
    expect(await fromThisSource(names.deadlines)).toEqual([]);
    await Promise.all(subs.map((s) => remove(s.id)));
  });
});
