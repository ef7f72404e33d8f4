/** src/calendar/ical-text.ts: TEXT escaping, folding at 75 octets, UTC and zoned date-times. */
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, icalDate, utcDateTime, zonedDateTime } from "../../src/calendar/ical-text.ts";

const octets = (s: string) => new TextEncoder().encode(s).length;
const unfold = (s: string) => s.replace(/\r\n /g, "");

describe("iCalendar text", () => {
  it("escapes backslash, semicolon, comma and every line end", () => {
    expect(escapeText("a\\b;c,d\r\ne\rf\ng")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    expect(escapeText("plain text: ok")).toBe("plain text: ok");
    expect(escapeText("")).toBe("");
  });

  it("leaves a line of 75 octets whole and folds one of 76", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
    expect(foldLine("short")).toBe("short");
  });

  it("folds long ASCII lines into lines of at most 75 octets, the space included", () => {
    const text = `DESCRIPTION:${"abcdefghij".repeat(40)}`;
    const folded = foldLine(text);
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(" "))).toBe(true);
    expect(unfold(folded)).toBe(text);
  });

  it("never splits a UTF-8 sequence or a surrogate pair", () => {
    for (const unit of ["ж", "€", "🕊️", "🇺🇦", "aж€🕊"]) {
      for (let pre = 0; pre < 5; pre++) {
        const text = `SUMMARY:${"a".repeat(pre)}${unit.repeat(60)}`;
        const folded = foldLine(text);
        for (const l of folded.split("\r\n")) {
          expect(octets(l)).toBeLessThanOrEqual(75);
          expect(l).not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/);
        }
        expect(unfold(folded)).toBe(text);
      }
    }
  });

  it("writes UTC date-times and dates", () => {
    expect(utcDateTime(Date.parse("2025-04-23T18:00:05.900Z"))).toBe("20250423T180005Z");
    expect(utcDateTime(Date.parse("0050-01-02T03:04:05Z"))).toBe("00500102T030405Z");
    expect(icalDate("2025-04-17")).toBe("20250417");
  });

  it("writes wall-clock time in a zone, on either side of a DST change", () => {
    expect(zonedDateTime(Date.parse("2025-07-09T04:01:00Z"), "America/New_York")).toBe("20250709T000100");
    expect(zonedDateTime(Date.parse("2025-01-09T05:01:00Z"), "America/New_York")).toBe("20250109T000100");
    expect(zonedDateTime(Date.parse("2025-03-30T00:59:59Z"), "Europe/London")).toBe("20250330T005959");
    expect(zonedDateTime(Date.parse("2025-03-30T01:00:00Z"), "Europe/London")).toBe("20250330T020000");
    expect(zonedDateTime(Date.parse("2025-12-31T23:30:00Z"), "Asia/Tokyo")).toBe("20260101T083000");
    expect(zonedDateTime(Date.parse("2025-04-23T09:00:00Z"), "Europe/Kiev")).toBe("20250423T120000");
    expect(zonedDateTime(Date.parse("2025-06-01T00:00:00Z"), "Asia/Kathmandu")).toBe("20250601T054500");
  });
});
