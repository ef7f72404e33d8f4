import { describe, expect, it } from "vitest";
import { ITEM_STATUSES, itemsQuery, MAX_ITEMS_PAGE } from "../../src/items/item-filter.ts";

describe("the items query", () => {
  it("takes comma lists of sources, kinds and statuses, each checked", () => {
    expect(itemsQuery.parse({ source: "a,b", kind: "meeting", status: "open,held" })).toMatchObject({
      source: ["a", "b"],
      kind: ["meeting"],
      status: ["open", "held"],
      limit: MAX_ITEMS_PAGE,
    });
    const bad = itemsQuery.safeParse({ status: "open,adjourned", kind: "treaty" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^"treaty": expected deadline or meeting/),
      expect.stringMatching(/^"adjourned": expected an item status/),
    ]);
  });

  it("a page of 1 to 1,000 items; every status of either kind", () => {
    expect(itemsQuery.safeParse({ limit: "0" }).success).toBe(false);
    expect(itemsQuery.safeParse({ limit: "1001" }).success).toBe(false);
    expect(itemsQuery.parse({ limit: "20" }).limit).toBe(20);
    expect(ITEM_STATUSES).toEqual(expect.arrayContaining(["open", "met", "scheduled", "cancelled"]));
  });
});
