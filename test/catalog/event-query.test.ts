import { describe, expect, it } from "vitest";
import { buildEventQuery, sinceKeyBound } from "../../workers/catalog/event-query.ts";

describe("buildEventQuery drives each page through the most selective index given", () => {
  it("an item filter uses the item index, whatever else is asked", () => {
    const q = buildEventQuery({ filter: { item: ["minerals"], source: ["a"], severity: "major" }, limit: 50 });
    expect(q.sql).toContain("INDEXED BY events_by_item");
    expect(q.params[0]).toBe(
      JSON.stringify([
        "deadline/minerals",
        "meeting/minerals",
        "source/minerals",
        "subscription/minerals",
        "ping/minerals",
      ]),
    );
    expect(q.params.at(-1)).toBe(51); // one more than the page, to know whether another follows
  });

  it("a tag filter drives through the tags table (lower-cased), a source filter through its index", () => {
    expect(buildEventQuery({ filter: { tag: ["Ceasefire"] }, limit: 10 }).sql).toContain(
      "FROM event_tags d INDEXED BY event_tags_by_tag",
    );
    expect(buildEventQuery({ filter: { tag: ["Ceasefire"] }, limit: 10 }).params[0]).toBe('["ceasefire"]');
    expect(buildEventQuery({ filter: { source: ["a", "b"] }, limit: 10 }).sql).toContain("INDEXED BY events_by_source");
  });

  it("kind patterns are key ranges; * is no condition", () => {
    const q = buildEventQuery({ filter: { kind: ["meeting.*"] }, limit: 10 });
    expect(q.sql).toContain("(d.kind >= ? AND d.kind < ?)");
    expect(q.params.slice(0, 2)).toEqual(["meeting.", "meeting/"]);
    expect(buildEventQuery({ filter: { kind: ["*"] }, limit: 10 }).sql).not.toContain("kind");
  });

  it("replay reads oldest first from the key bound of `since`", () => {
    const q = buildEventQuery({ filter: {}, limit: 10, oldestFirst: true, sinceMs: 1_000 });
    expect(q.sql).toMatch(/ORDER BY e\.key DESC/);
    expect(q.params).toContain(sinceKeyBound(1_000));
    expect(sinceKeyBound(1_000) > sinceKeyBound(2_000)).toBe(true);
  });

  it("a per-item feed is scoped to its source and item; a cursor continues after a key", () => {
    const q = buildEventQuery({
      filter: { tag: ["x"] },
      scope: { source: "s", item: "deadline/d" },
      after: "evt:1",
      limit: 5,
    });
    expect(q.sql).toContain("INDEXED BY events_by_item");
    expect(q.sql).toContain("e.source = ? AND e.item = ?");
    expect(q.sql).toContain("e.key > ?");
  });
});
