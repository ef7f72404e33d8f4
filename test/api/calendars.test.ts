/** GET /feeds/calendar.ics and /feeds/items/{source}/{kind}/{id}.ics, read back with ical.js. */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { createSource, get, ingest, json, uniqueSource } from "../support/api.ts";
import { examples } from "../support/examples.ts";

const LONDON = "london-talks-2025-04-23";

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const byId = new Map<string, ICAL.Event>();
  for (const v of cal.getAllSubcomponents("vevent")) {
    const e = new ICAL.Event(v);
    byId.set(e.uid.split(".")[1] ?? "", e);
  }
  return { cal, byId };
}

async function calendar(path: string) {
  const r = await get(path);
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  return { r, text: await r.text() };
}

async function talks(): Promise<string> {
  const source = uniqueSource("cal");
  await createSource(source);
  expect((await ingest(source, examples.json0418)).status).toBe(200);
  return source;
}

describe("calendar feeds", () => {
  it("keeps the London meeting's UID across the examples and raises its SEQUENCE", async () => {
    const source = await talks();
    const before = parse((await calendar(`/feeds/calendar.ics?source=${source}`)).text).byId.get(LONDON);
    expect((await ingest(source, examples.json0423)).status).toBe(200);
    const { text } = await calendar(`/feeds/calendar.ics?source=${source}`);
    const { cal, byId } = parse(text);
    const after = byId.get(LONDON);
    expect(before && after).toBeTruthy();
    expect(after?.uid).toBe(before?.uid);
    expect(after?.sequence).toBeGreaterThan(before?.sequence ?? 0);
    expect(after?.description).toContain("Level: officials");
    expect(after?.description).toContain("Latest change: London talks on a Ukraine ceasefire: downgraded");
    // The Paris meeting is all day on the 17th; the minerals deal on the 24th; the vague deadline has no entry.
    const paris = byId.get("paris-talks-2025-04-17");
    expect(paris?.startDate.isDate).toBe(true);
    expect(paris?.startDate.toString()).toBe("2025-04-17");
    expect(paris?.endDate.toString()).toBe("2025-04-18");
    expect(byId.has("us-decision-on-peace-effort")).toBe(false);
    expect(byId.size).toBe(5);
    // The tariff deadline is in New York time with its VTIMEZONE.
    expect(text).toContain("DTSTART;TZID=America/New_York:20250709T000100\r\n");
    const zones = cal.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"));
    expect(zones).toContain("America/New_York");
  });

  it("shows a cancelled meeting as CANCELLED with Cancelled in its summary", async () => {
    const source = await talks();
    const doc = JSON.parse(examples.json0418);
    const rome = doc.items.find((i: { id: string }) => i.id === "rome-talks-2025-04-18");
    const update = {
      ...doc,
      mode: "updates",
      items: [{ ...rome, status: "cancelled", updated_at: "2025-04-18T15:30:00Z" }],
    };
    expect((await ingest(source, JSON.stringify(update))).status).toBe(200);
    const { text } = await calendar(`/feeds/items/${source}/meeting/rome-talks-2025-04-18.ics`);
    const e = parse(text).byId.get("rome-talks-2025-04-18");
    expect(e?.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(e?.summary).toBe("Cancelled: Vice President Vance's talks in Rome");
  });

  it("folds a 300-character Cyrillic and emoji title and reads it back identical", async () => {
    const source = await talks();
    // 300 characters (code points), none of them a space at either end.
    const title = `${[..."Переговоры о прекращении огня 🕊️🇺🇦 ".repeat(20)].slice(0, 299).join("")}ж`;
    expect([...title]).toHaveLength(300);
    const doc = JSON.parse(examples.json0418);
    const paris = doc.items.find((i: { id: string }) => i.id === "paris-talks-2025-04-17");
    const update = { ...doc, mode: "updates", items: [{ ...paris, title, updated_at: "2025-04-18T15:30:00Z" }] };
    expect((await ingest(source, JSON.stringify(update))).status).toBe(200);
    const { text } = await calendar(`/feeds/items/${source}/meeting/paris-talks-2025-04-17.ics`);
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(parse(text).byId.get("paris-talks-2025-04-17")?.summary).toBe(title);
  });

  it("filters by kind, status, tag and item, and refuses an unknown status", async () => {
    const source = await talks();
    const ids = async (q: string) =>
      [...parse((await calendar(`/feeds/calendar.ics?source=${source}&${q}`)).text).byId.keys()].sort();
    expect(await ids("kind=deadline")).toEqual(["reciprocal-tariff-pause-expiry", "us-ukraine-minerals-deal"]);
    expect(await ids("kind=meeting.*&status=scheduled")).toEqual([LONDON]);
    expect(await ids("tag=TRADE,minerals")).toEqual(["reciprocal-tariff-pause-expiry", "us-ukraine-minerals-deal"]);
    expect(await ids(`item=meeting/${LONDON},paris-talks-2025-04-17`)).toEqual([LONDON, "paris-talks-2025-04-17"]);
    expect((await get(`/feeds/calendar.ics?status=sideways`)).status).toBe(400);
    expect((await get(`/feeds/items/${source}/meeting/nothing.ics`)).status).toBe(404);
  });

  it("answers 304 to its ETag, and a new one after a change", async () => {
    const source = await talks();
    const path = `/feeds/calendar.ics?source=${source}`;
    const { r } = await calendar(path);
    const etag = r.headers.get("etag") ?? "";
    expect(r.headers.get("cache-control")).toBe("public, max-age=60");
    expect((await get(path, { "if-none-match": etag })).status).toBe(304);
    await ingest(source, examples.json0423);
    const again = await get(path, { "if-none-match": etag });
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).not.toBe(etag);
  });

  it("lists webcal:// URLs in the index", async () => {
    const index = await json(get("/"));
    expect(index.feeds.calendar_webcal).toBe("webcal://parley.test/feeds/calendar.ics");
    expect(index.feeds.item_calendar_webcal).toBe("webcal://parley.test/feeds/items/{source}/{kind}/{id}.ics");
  });
});
