import { describe, expect, it } from "vitest";
import type { ChangeEvent } from "../../src/events/event.ts";
import { deliveryConfig, eventUrl } from "../../src/webhooks/delivery-config.ts";
import { chunkMessages, planDeliveries } from "../../src/webhooks/fan-out-plan.ts";
import { pingEvent } from "../../src/webhooks/operational-events.ts";
import { buildPayload } from "../../src/webhooks/payload.ts";
import { RETRY_SCHEDULE_SECONDS } from "../../src/webhooks/retry-policy.ts";

const event: ChangeEvent = {
  id: "evt_aaaaaaaaaaaaaaaaaaaaaaaaaa",
  type: "meeting.downgraded",
  kinds: ["meeting.downgraded", "meeting.held"],
  severity: "major",
  source: "talks",
  item: { kind: "meeting", id: "london", title: "London talks", tags: ["peace-talks"] } as ChangeEvent["item"],
  changes: [],
  summary: "London talks: downgraded",
  occurred_at: "2025-04-23T17:00:00Z",
  detected_at: "2025-04-23T18:00:00Z",
};

describe("planning a fan-out", () => {
  it("1 event × 1,000 matching subscriptions is 1,000 messages in 10 sendBatch calls", () => {
    const subs = Array.from({ length: 1000 }, (_, i) => ({ id: `sub_${i}`, enabled: true, filters: {} }));
    const planned = planDeliveries([event], subs);
    expect(planned).toHaveLength(1000);
    const chunks = chunkMessages(planned);
    expect(chunks.map((c) => c.length)).toEqual(Array(10).fill(100));
  });

  it("skips disabled, non-matching and excluded subscriptions; a ping matches nobody", async () => {
    const subs = [
      { id: "a", enabled: true, filters: { types: ["meeting.held"] } },
      { id: "b", enabled: false, filters: {} },
      { id: "c", enabled: true, filters: { types: ["deadline.*"] } },
      { id: "d", enabled: true, filters: {} },
    ];
    expect(planDeliveries([event], subs, "d").map((m) => m.body.subscription_id)).toEqual(["a"]);
    expect(planDeliveries([await pingEvent("a", "2025-01-01T00:00:00Z")], subs)).toEqual([]);
  });

  it("cuts by bytes as well as by count", () => {
    const big = Array.from({ length: 30 }, () => ({ bytes: 20_000 }));
    expect(chunkMessages(big).map((c) => c.length)).toEqual([10, 10, 10]);
    expect(chunkMessages([{ bytes: 500_000 }, { bytes: 10 }]).map((c) => c.length)).toEqual([1, 1]);
  });
});

describe("delivery settings from vars", () => {
  it("reads the schedule, limits and the private-address switch, with defaults", () => {
    expect(
      deliveryConfig({
        WEBHOOK_TIMEOUT_MS: "2500",
        WEBHOOK_RETRY_SCHEDULE: "1, 2,3",
        WEBHOOK_MAX_CONSECUTIVE_FAILURES: "7",
        WEBHOOK_MAX_FAILURE_DAYS: "2",
        ALLOW_PRIVATE_WEBHOOKS: "TRUE",
      }),
    ).toEqual({
      timeoutMs: 2500,
      schedule: [1, 2, 3],
      disable: { maxConsecutive: 7, maxFailureMs: 2 * 86_400_000 },
      allowPrivate: true,
    });
    expect(deliveryConfig({ WEBHOOK_RETRY_SCHEDULE: "5,soon", ALLOW_PRIVATE_WEBHOOKS: "false" })).toEqual({
      timeoutMs: 10_000,
      schedule: RETRY_SCHEDULE_SECONDS,
      disable: { maxConsecutive: 50, maxFailureMs: 5 * 86_400_000 },
      allowPrivate: false,
    });
  });
});

describe("links to parley in chat messages", () => {
  it("point at the item's page on the board under PUBLIC_BASE_URL, and are left out without it", () => {
    const config = deliveryConfig({ PUBLIC_BASE_URL: "https://parley.example.org/" });
    const url = eventUrl(config, event);
    expect(url).toBe("https://parley.example.org/items/talks/meeting/london");
    expect(buildPayload(event, "slack", { eventUrl: url })).toContain(
      "<https://parley.example.org/items/talks/meeting/london|View in parley>",
    );
    expect(JSON.parse(buildPayload(event, "discord", { eventUrl: url })).embeds[0].url).toBe(url);
    expect(eventUrl(deliveryConfig({}), event)).toBeUndefined();
    expect(eventUrl(deliveryConfig({ PUBLIC_BASE_URL: "javascript:alert(1)" }), event)).toBeUndefined();
  });
});
