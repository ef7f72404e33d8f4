import { describe, expect, it } from "vitest";
import { chunkMessages } from "../../src/webhooks/fan-out-plan.ts";
import { FIXED_SUBREQUESTS, planPublish } from "../../src/webhooks/publish-plan.ts";
import { changeEvent } from "./fixtures.ts";

const subs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `sub_${i}`, enabled: true, filters: {} }));

describe("planPublish: one batch within one invocation's subrequests", () => {
  const events = Array.from({ length: 300 }, (_, i) => changeEvent({ id: `evt_${i}` }));

  it("takes at most maxEvents", () => {
    expect(planPublish(events, subs(0), { maxEvents: 100, maxSubrequests: 30 }).take).toBe(100);
  });

  it("cuts the batch so its queue sends fit the budget", () => {
    const plan = planPublish(events, subs(100), { maxEvents: 100, maxSubrequests: 30 });
    expect(chunkMessages(plan.messages).length).toBeLessThanOrEqual(30 - FIXED_SUBREQUESTS);
    expect(plan.take).toBe(28); // 100 deliveries per sendBatch call
    expect(plan.messages).toHaveLength(28 * 100);
  });

  it("always takes one event, even when its deliveries alone exceed the budget", () => {
    const plan = planPublish(events, subs(5_000), { maxEvents: 100, maxSubrequests: 30 });
    expect(plan.take).toBe(1);
    expect(plan.messages).toHaveLength(5_000);
  });
});
