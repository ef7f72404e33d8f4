import { describe, expect, it } from "vitest";
import type { Change, ChangeEvent } from "../../src/events/event.ts";
import { eventBody } from "../../src/render/event-body.ts";
import { userAgent } from "../../src/version.ts";
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
      "level: officials (was: ministerial)",
    );
    expect(formatChangeValue({ field: "due", from: null, to: "2025-05-01" })).toBe("1 May 2025 (was: —)");
    expect(
      formatChangeValue({ field: "participants", from: ["C"], to: ["A", "B"], added: ["A", "B"], removed: ["C"] }),
    ).toBe("2 added: A, B; 1 removed: C");
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
    expect(eventBody(ev).text.startsWith(`${changes.map(formatChangeLine).join("\n")}\nSource: `)).toBe(true);
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
  it("is the event as JSON with Standard Webhooks' timestamp (when it occurred)", () => {
    const ev = changeEvent();
    expect(buildPayload(ev, "standard", links)).toBe(JSON.stringify({ ...ev, timestamp: ev.occurred_at }));
    expect(JSON.parse(buildPayload(ev, "standard", {}))).toEqual({ ...ev, timestamp: "2025-04-23T17:00:00Z" });
  });
});

const TIMES = "Happened 23 Apr 2025, 18:00 BST · detected by parley 23 Apr 2025, 19:05 BST";

describe("buildPayload slack", () => {
  it("has the title, one section per change (new value first) and a context with source, times and links", () => {
    const msg = JSON.parse(buildPayload(changeEvent(), "slack", links)) as SlackMessage;
    expect(msg.text).toBe("London talks on a Ukraine ceasefire: downgraded to officials; held");
    expect(msg.blocks.map((b) => b.type)).toEqual(["section", "section", "section", "context"]);
    const [head, level, status, context] = msg.blocks;
    expect(head.type === "section" && head.text.text).toBe(
      "*London talks on a Ukraine ceasefire: downgraded to officials; held*",
    );
    expect(level.type === "section" && level.text).toEqual({
      type: "mrkdwn",
      text: "*level*\nofficials\n_was:_ ministerial",
    });
    expect(status.type === "section" && status.text.text).toBe("*status*\nheld\n_was:_ scheduled");
    const ctx = context.type === "context" ? context.elements[0].text : "";
    expect(ctx).toContain(`*ukraine-talks* · ${TIMES} · \`meeting.downgraded\` · major`);
    expect(ctx).toContain(`<${links.eventUrl}|View in parley>`);
    expect(ctx).toContain("<https://example.org/talks/london|Source page>");
  });

  it("escapes & < > so source text cannot make links or mentions", () => {
    const ev = changeEvent({
      summary: "Talks <!channel> & <https://evil.example|click>",
      kinds: ["meeting.updated"],
      item: meeting({ title: "A&B <talks> <!channel>", url: "https://example.org/a?x=1&y=2|z" }),
      changes: [{ field: "title", from: "<old>", to: "new & improved" }],
    });
    const msg = JSON.parse(buildPayload(ev, "slack", {})) as SlackMessage;
    const all = JSON.stringify(msg);
    expect(all).not.toContain("<!channel>");
    expect(all).not.toContain("<https://evil");
    expect(msg.text).toBe("A&amp;B &lt;talks&gt; &lt;!channel&gt;: title changed");
    const changes = msg.blocks[1];
    expect(changes.type === "section" && changes.text.text).toBe("*title*\nnew &amp; improved\n_was:_ &lt;old&gt;");
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
    expect(text).toMatch(/(&amp;)+…/);
    expect(msg.text.length).toBeLessThanOrEqual(3000);
  });

  it("uses at most 50 blocks and says how many changes it left out", () => {
    const changes = Array.from({ length: 60 }, (_, i) => ({ field: `f${i}`, from: "a", to: "b" }));
    const msg = JSON.parse(
      buildPayload(changeEvent({ kinds: ["meeting.updated"], changes }), "slack", {}),
    ) as SlackMessage;
    expect(msg.blocks).toHaveLength(50);
    const more = msg.blocks[48];
    expect(more.type === "section" && more.text.text).toBe("_and 13 more changes_");
  });
});

describe("buildPayload discord", () => {
  const parse = (ev: ChangeEvent, l: PayloadLinks = links) =>
    JSON.parse(buildPayload(ev, "discord", l)) as DiscordMessage;

  it("is one embed with title, source and times, link, a field per change, time and colour", () => {
    const msg = parse(changeEvent());
    expect(msg.allowed_mentions).toEqual({ parse: [] });
    expect(msg.embeds).toHaveLength(1);
    expect(msg.embeds[0]).toEqual({
      title: "London talks on a Ukraine ceasefire: downgraded to officials; held",
      description: `**Source:** ukraine-talks\n${TIMES}`,
      url: links.eventUrl,
      fields: [
        { name: "level", value: "officials (was: ministerial)", inline: false },
        { name: "status", value: "held (was: scheduled)", inline: false },
      ],
      timestamp: "2025-04-23T17:00:00Z",
      color: 0xd0342c,
      footer: { text: "meeting.downgraded · major" },
    });
    expect(parse(changeEvent({ severity: "info" })).embeds[0].color).not.toBe(parse(changeEvent()).embeds[0].color);
    expect(parse(changeEvent(), {}).embeds[0].url).toBe("https://example.org/talks/london");
  });

  it("uses the summary as title for operational events, and escapes markdown", () => {
    const ev = changeEvent({
      type: "source.failing",
      kinds: ["source.failing"],
      item: { kind: "source", id: "ukraine-talks" },
      summary: "**bold** @everyone",
      changes: [],
    });
    const embed = parse(ev, {}).embeds[0];
    expect(embed.title).toBe("**bold** @everyone");
    expect(embed.url).toBeUndefined();
    expect(embed.description.startsWith("\\*\\*bold\\*\\* @everyone\n")).toBe(true);
    expect(embed.fields).toEqual([]);
  });

  it("respects Discord's limits, and counts what it leaves out", () => {
    const long = "x".repeat(5000);
    const changes = Array.from({ length: 40 }, (_, i) => ({
      field: `f${i}${"n".repeat(300)}`,
      from: long,
      to: `${long}y`,
    }));
    const ev = changeEvent({ kinds: ["meeting.updated"], summary: long, item: meeting({ title: long }), changes });
    const embed = parse(ev).embeds[0];
    const L = DISCORD_LIMITS;
    expect(embed.title.length).toBeLessThanOrEqual(140);
    expect(embed.description.length).toBeLessThanOrEqual(L.description);
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
    const last = embed.fields[embed.fields.length - 1];
    expect(last.value).toBe(`and ${40 - (embed.fields.length - 1)} more changes`);
    // Every change shown shows its new ending.
    for (const f of embed.fields.slice(0, -1)) expect(f.value).toContain("xy");
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

describe("User-Agent", () => {
  it("names the deployment (PUBLIC_BASE_URL) or no URL at all, never a placeholder", () => {
    expect(userAgent()).toBe("parley/0.1.0");
    expect(userAgent("")).toBe("parley/0.1.0");
    expect(userAgent("https://parley.example.org/")).toBe("parley/0.1.0 (+https://parley.example.org)");
    expect(userAgent("javascript:alert(1)")).toBe("parley/0.1.0");
  });
});
