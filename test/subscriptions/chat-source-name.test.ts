import { describe, expect, it } from "vitest";
import { createSource, ingest, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";
import { receivedAtLeast, receiverName, receiverUrl, remove, subscribe } from "./helpers.ts";

describe("chat messages name the source", () => {
  it("a Slack message names the source by its title, set at fan-out", async () => {
    const source = uniqueSource("titled");
    await createSource(source, { title: "Ukraine talks desk" });
    await ingest(source, examples.json0418);
    const name = receiverName("slack");
    const sub = await subscribe({ url: receiverUrl(name), format: "slack", sources: [source] });
    await ingest(source, examples.json0423);
    const [request] = await receivedAtLeast(name, 1);
    expect(request.body).toContain("Ukraine talks desk");
    expect(request.body).toContain("London talks");
    await remove(sub.id);
  });
});
