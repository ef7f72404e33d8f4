import { describe, expect, it } from "vitest";
import { EVENT_KINDS, isValidTypePattern } from "../../src/webhooks/event-kinds.ts";
import {
  createSubscriptionSchema,
  describeSubscriptionIssues,
  patchSubscriptionSchema,
} from "../../src/webhooks/subscription-schema.ts";

function issues(schema: typeof createSubscriptionSchema | typeof patchSubscriptionSchema, body: unknown) {
  const r = schema.safeParse(body);
  if (r.success) throw new Error(`expected failure, got ${JSON.stringify(r.data)}`);
  return describeSubscriptionIssues(r.error);
}

describe("createSubscriptionSchema", () => {
  it("accepts the full body and defaults format to standard", () => {
    const r = createSubscriptionSchema.parse({
      url: " https://hooks.example.com/parley ",
      types: ["meeting.*", "deadline.missed", "*", "source.failing", "subscription.disabled", "ping"],
      sources: ["ukraine-talks"],
      tags: ["Ceasefire"],
      items: ["meeting/london-talks-2025-04-23", "plain-id"],
      severity: "minor",
      description: "ops channel",
    });
    expect(r.url).toBe("https://hooks.example.com/parley");
    expect(r.format).toBe("standard");
    expect(r.types).toHaveLength(6);
    expect(createSubscriptionSchema.parse({ url: "https://x.example/h", format: "discord" }).format).toBe("discord");
  });

  it("requires a url and says so", () => {
    expect(issues(createSubscriptionSchema, {})).toEqual([
      { field: "url", message: "required: url, the https:// address to deliver to" },
    ]);
    expect(issues(createSubscriptionSchema, { url: "not a url" })[0].message).toMatch(/absolute URL/);
  });

  it("rejects unknown type patterns with the allowed forms in the message", () => {
    for (const bad of ["meeting", "meeting.moved", "foo.*", "*.held", "meeting.**", "deadline.*x"]) {
      const [issue] = issues(createSubscriptionSchema, { url: "https://x.example/", types: [bad] });
      expect(issue.field).toBe("types.0");
      expect(issue.message).toContain(`"${bad}"`);
      expect(issue.message).toContain("deadline, meeting, source, subscription");
    }
  });

  it("knows every kind of the events spec", () => {
    expect(EVENT_KINDS).toHaveLength(30);
    for (const k of EVENT_KINDS) expect(isValidTypePattern(k)).toBe(true);
    for (const p of ["*", "deadline.*", "meeting.*", "source.*", "subscription.*"])
      expect(isValidTypePattern(p)).toBe(true);
    expect(isValidTypePattern("ping.*")).toBe(false);
  });

  it("rejects bad filters, empty lists, unknown fields and a bad format", () => {
    const body = { url: "https://x.example/" };
    expect(issues(createSubscriptionSchema, { ...body, severity: "critical" })[0]).toEqual({
      field: "severity",
      message: 'expected severity "info", "minor" or "major"',
    });
    expect(issues(createSubscriptionSchema, { ...body, format: "teams" })[0].message).toMatch(
      /standard.*slack.*discord/,
    );
    expect(issues(createSubscriptionSchema, { ...body, types: [] })[0].message).toMatch(/omit the field/);
    expect(issues(createSubscriptionSchema, { ...body, items: ["bogus/x y"] })[0].field).toBe("items.0");
    expect(issues(createSubscriptionSchema, { ...body, sources: ["has space"] })[0].field).toBe("sources.0");
    expect(issues(createSubscriptionSchema, { ...body, tags: [""] })[0].message).toBe("empty tag");
    expect(issues(createSubscriptionSchema, { ...body, tag: ["x"] })).toEqual([{ message: "unknown field: tag" }]);
    expect(issues(createSubscriptionSchema, { ...body, description: "x".repeat(501) })[0].field).toBe("description");
    expect(issues(createSubscriptionSchema, [])[0].message).toBe("expected a JSON object");
  });
});

describe("patchSubscriptionSchema", () => {
  it("accepts partial updates, null clears a filter", () => {
    expect(patchSubscriptionSchema.parse({ enabled: false })).toEqual({ enabled: false });
    expect(patchSubscriptionSchema.parse({ types: null, severity: null, description: null })).toEqual({
      types: null,
      severity: null,
      description: null,
    });
    expect(patchSubscriptionSchema.parse({ url: "https://y.example/h", tags: ["a"] })).toEqual({
      url: "https://y.example/h",
      tags: ["a"],
    });
  });

  it("rejects an empty patch, bad enabled and unknown fields", () => {
    expect(issues(patchSubscriptionSchema, {})[0].message).toMatch(/at least one field/);
    expect(issues(patchSubscriptionSchema, { enabled: "yes" })[0]).toEqual({
      field: "enabled",
      message: "expected enabled to be true or false",
    });
    expect(issues(patchSubscriptionSchema, { secret: "whsec_x" })).toEqual([{ message: "unknown field: secret" }]);
    expect(issues(patchSubscriptionSchema, { types: ["meeting.nope"] })[0].field).toBe("types.0");
  });
});
