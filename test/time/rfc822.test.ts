import { describe, expect, it } from "vitest";
import { parseRfc822 } from "../../src/time/rfc822.ts";

const at = (iso: string) => Date.parse(iso);

describe("parseRfc822", () => {
  it.each([
    ["Fri, 18 Apr 2025 11:30:00 GMT", "2025-04-18T11:30:00Z"],
    ["Fri,18 Apr 2025 11:30:00 GMT", "2025-04-18T11:30:00Z"],
    ["Fri 18 Apr 2025 11:30:00 GMT", "2025-04-18T11:30:00Z"],
    ["18 Apr 2025 11:30 +0000 (UTC)", "2025-04-18T11:30:00Z"],
    ["Fri, 18 Apr 2025 07:30:00 -0400 (EDT)", "2025-04-18T11:30:00Z"],
    ["18 April 25 13:30 +02:00", "2025-04-18T11:30:00Z"],
    // The weekday is not checked against the date, as feed readers do not.
    ["Mon, 18 Apr 2025 11:30:00 GMT", "2025-04-18T11:30:00Z"],
    // A leap second at 23:59:60 UTC, whatever the zone, is read as 23:59:59.
    ["Sat, 31 Dec 2016 23:59:60 GMT", "2016-12-31T23:59:59Z"],
    ["Sun, 01 Jan 2017 00:59:60 +0100", "2016-12-31T23:59:59Z"],
  ])("reads %j", (text, iso) => {
    expect(parseRfc822(text)).toBe(at(iso));
  });

  it.each([
    "Fri, 18 Apr 2025 11:30:00",
    "Fri, 18 Apr 2025 11:30:00 CET",
    "Fri, 31 Apr 2025 11:30:00 GMT",
    "Fri, 18 Apr 2025 11:30:00 GMT (unclosed",
    "Fry, 18 Apr 2025 11:30:00 GMT",
    "2025-04-18T11:30:00Z",
    "Fri, 18 Apr 2025 11:30:60 GMT",
  ])("refuses %j", (text) => {
    expect(parseRfc822(text)).toBeNaN();
  });
});
