import { describe, expect, it } from "vitest";
import { deliverySubrequests, FIXED_SUBREQUESTS, planPublish } from "../../src/webhooks/publish-plan.ts";
import { changeEvent } from "./fixtures.ts";

const subs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `sub_${i}`, enabled: true, filters: {} }));

describe("planPublish: one batch within one invocation's subrequests", () => {
  const events = Array.from({ length: 300 }, (_, i) => changeEvent({ id: `evt_${i}` }));

  it("takes at most maxEvents", () => {
    expect(planPublish(events, subs(0), { maxEvents: 100, maxSubrequests: 30 }).take).toBe(100);
  });

  it("cuts the batch so its ledger calls and queue sends fit the budget", () => {
    const plan = planPublish(events, subs(10), { maxEvents: 100, maxSubrequests: 30 });
    expect(deliverySubrequests(plan.messages)).toBeLessThanOrEqual(30 - FIXED_SUBREQUESTS);
    // 10 ledger calls and 10 sends of 100 deliveries: all 100 events fit.
    expect(plan.take).toBe(100);
    const wide = planPublish(events, subs(20), { maxEvents: 100, maxSubrequests: 30 });
    expect(wide.take).toBe(40); // 20 ledger calls + 8 sends of 100
    expect(deliverySubrequests(wide.messages)).toBe(28);
  });

  it("always takes one event, even when its deliveries alone exceed the budget", () => {
    const plan = planPublish(events, subs(5_000), { maxEvents: 100, maxSubrequests: 30 });
    expect(plan.take).toBe(1);
    expect(plan.messages).toHaveLength(5_000);
  });
});
