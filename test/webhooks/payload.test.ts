import { describe, expect, it } from "vitest";
import type { Change, ChangeEvent } from "../../src/events/event.ts";
import { eventBody } from "../../src/render/event-body.ts";
import { formatChangeLine, formatChangeValue, formatValue } from "../../src/webhooks/format-change.ts";
import { buildPayload, type PayloadLinks } from "../../src/webhooks/payload.ts";
import { DISCORD_LIMITS, type DiscordMessage } from "../../src/webhooks/payload-discord.ts";
import type { SlackMessage } from "../../src/webhooks/payload-slack.ts";
import { truncate } from "../../src/webhooks/payload-text.ts";
import { changeEvent, meeting } from "./fixtures.ts";

const links = { eventUrl: "https://parley.example/events/evt_0123456789abcdef" };

describe("format-change", () => {
  it("renders changes as plain text with the feeds' value formatting", () => {
    expect(formatValue(null)).toBe("—");
    expect(formatValue({ venue: "Lancaster House", city: "London", country: "GB" })).toBe(
      "Lancaster House, London, GB",
    );
    expect(formatChangeLine({ field: "level", from: "ministerial", to: "officials" })).toBe(
      "level: ministerial → officials",
    );
    expect(formatChangeValue({ field: "due", from: null, to: "2025-05-01" })).toBe("— → 2025-05-01");
    expect(
      formatChangeValue({ field: "participants", from: ["C"], to: ["A", "B"], added: ["A", "B"], removed: ["C"] }),
    ).toBe("C → A, B (added: A, B; removed: C)");
  });

  it("words every change exactly as the feed entry's text does", () => {
    const changes: Change[] = [
      { field: "level", from: "ministerial", to: "officials" },
      { field: "location", from: { country: "GB" }, to: { city: "London", country: "GB" } },
      { field: "due", from: null, to: "2025-05-01" },
      { field: "participants", from: ["C"], to: ["A", "B"], added: ["A", "B"], removed: ["C"] },
      { field: "tags", from: [], to: ["x"], added: ["x"] },
    ];
    const ev = changeEvent({ changes, item: meeting({ url: undefined }) });
    expect(changes.map(formatChangeLine).join("\n")).toBe(eventBody(ev).text);
  });

  it("truncates with an ellipsis without splitting surrogate pairs", () => {
    expect(truncate("abcdef", 6)).toBe("abcdef");
    expect(truncate("abcdef", 4)).toBe("abc…");
    const cut = truncate("ab🎉cd", 4);
    expect(cut).toBe("ab…");
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});

describe("buildPayload standard", () => {
  it("is exactly the event as JSON", () => {
    const ev = changeEvent();
    expect(buildPayload(ev, "standard", links)).toBe(JSON.stringify(ev));
    expect(JSON.parse(buildPayload(ev, "standard", {}))).toEqual(ev);
  });
});

describe("buildPayload slack", () => {
  it("has the summary, the changes and the links as mrkdwn blocks", () => {
    const msg = JSON.parse(buildPayload(changeEvent(), "slack", links)) as SlackMessage;
    expect(msg.text).toBe("London talks on a Ukraine ceasefire: downgraded from ministerial to officials; held");
    expect(msg.blocks.map((b) => b.type)).toEqual(["section", "section", "context"]);
    const [head, changes, context] = msg.blocks;
    expect(head.type === "section" && head.text.text).toBe(
      "*London talks on a Ukraine ceasefire*\nLondon talks on a Ukraine ceasefire: downgraded from ministerial to officials; held",
    );
    expect(changes.type === "section" && changes.text).toEqual({
      type: "mrkdwn",
      text: "• *level*: ministerial → officials\n• *status*: scheduled → held",
    });
    const ctx = context.type === "context" ? context.elements[0].text : "";
    expect(ctx).toContain("`meeting.downgraded` · major · ukraine-talks");
    expect(ctx).toContain(`<${links.eventUrl}|View in parley>`);
    expect(ctx).toContain("<https://example.org/talks/london|Source page>");
  });

  it("escapes & < > so source text cannot make links or mentions", () => {
    const ev = changeEvent({
      summary: "Talks <!channel> & <https://evil.example|click>",
      item: meeting({ title: "A&B <talks>", url: "https://example.org/a?x=1&y=2|z" }),
      changes: [{ field: "title", from: "<old>", to: "new & improved" }],
    });
    const msg = JSON.parse(buildPayload(ev, "slack", {})) as SlackMessage;
    const all = JSON.stringify(msg);
    expect(all).not.toContain("<!channel>");
    expect(all).not.toContain("<https://evil");
    expect(msg.text).toBe("Talks &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;");
    const changes = msg.blocks[1];
    expect(changes.type === "section" && changes.text.text).toBe("• *title*: &lt;old&gt; → new &amp; improved");
    const ctx = msg.blocks[2];
    expect(ctx.type === "context" && ctx.elements[0].text).toContain(
      "<https://example.org/a?x=1&amp;y=2%7Cz|Source page>",
    );
  });

  it("keeps section text within 3000 characters, not cutting an entity", () => {
    const ev = changeEvent({ summary: "&".repeat(5000), changes: [] });
    const msg = JSON.parse(buildPayload(ev, "slack", {})) as SlackMessage;
    expect(msg.blocks.map((b) => b.type)).toEqual(["section", "context"]);
    const head = msg.blocks[0];
    const text = head.type === "section" ? head.text.text : "";
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/(&amp;)+…$/);
    expect(msg.text).toMatch(/^(&amp;)+…$/);
  });
});

describe("buildPayload discord", () => {
  const parse = (ev: ChangeEvent, l: PayloadLinks = links) =>
    JSON.parse(buildPayload(ev, "discord", l)) as DiscordMessage;

  it("is one embed with title, summary, link, a field per change, time and colour", () => {
    const msg = parse(changeEvent());
    expect(msg.allowed_mentions).toEqual({ parse: [] });
    expect(msg.embeds).toHaveLength(1);
    expect(msg.embeds[0]).toEqual({
      title: "London talks on a Ukraine ceasefire",
      description: "London talks on a Ukraine ceasefire: downgraded from ministerial to officials; held",
      url: links.eventUrl,
      fields: [
        { name: "level", value: "ministerial → officials", inline: false },
        { name: "status", value: "scheduled → held", inline: false },
      ],
      timestamp: "2025-04-23T17:00:00Z",
      color: 0xd0342c,
      footer: { text: "meeting.downgraded · major · ukraine-talks" },
    });
    expect(parse(changeEvent({ severity: "info" })).embeds[0].color).not.toBe(parse(changeEvent()).embeds[0].color);
    expect(parse(changeEvent(), {}).embeds[0].url).toBe("https://example.org/talks/london");
  });

  it("uses the type as title for operational events, and escapes markdown", () => {
    const ev = changeEvent({
      type: "source.failing",
      kinds: ["source.failing"],
      item: { kind: "source", id: "ukraine-talks" },
      summary: "**bold** @everyone",
      changes: [],
    });
    const embed = parse(ev, {}).embeds[0];
    expect(embed.title).toBe("source.failing");
    expect(embed.url).toBeUndefined();
    expect(embed.description).toBe("\\*\\*bold\\*\\* @everyone");
    expect(embed.fields).toEqual([]);
  });

  it("respects Discord's limits", () => {
    const long = "x".repeat(5000);
    const changes = Array.from({ length: 40 }, (_, i) => ({ field: `f${i}${"n".repeat(300)}`, from: long, to: long }));
    const ev = changeEvent({ summary: long, item: meeting({ title: long }), changes });
    const embed = parse(ev).embeds[0];
    const L = DISCORD_LIMITS;
    expect(embed.title.length).toBe(L.title);
    expect(embed.title.endsWith("…")).toBe(true);
    expect(embed.description.length).toBe(L.description);
    expect(embed.fields.length).toBeLessThanOrEqual(L.fields);
    for (const f of embed.fields) {
      expect(f.name.length).toBeLessThanOrEqual(L.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(L.fieldValue);
    }
    const total =
      embed.title.length +
      embed.description.length +
      embed.footer.text.length +
      embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(L.embedTotal);
  });

  it("caps the fields at 25, the last saying how many more", () => {
    const changes = Array.from({ length: 30 }, (_, i) => ({ field: `f${i}`, from: "a", to: "b" }));
    const embed = parse(changeEvent({ changes })).embeds[0];
    expect(embed.fields).toHaveLength(25);
    expect(embed.fields[23].name).toBe("f23");
    expect(embed.fields[24]).toEqual({ name: "…", value: "and 6 more changes", inline: false });
    const exactly25 = Array.from({ length: 25 }, (_, i) => ({ field: `f${i}`, from: "a", to: "b" }));
    expect(parse(changeEvent({ changes: exactly25 })).embeds[0].fields[24].name).toBe("f24");
  });
});
