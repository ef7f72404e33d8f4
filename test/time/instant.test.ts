/**
 * RFC 3339 and date-only reading. The readers walk character codes for speed;
 * these tests pin their behaviour with explicit cases and check them against
 * a plain regular-expression reading of the same grammar over many generated
 * strings, valid and broken.
 */
import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  endOfDay,
  isDateOnly,
  isMisplacedLeapSecond,
  isRfc3339,
  isValidTimeZone,
  localDate,
  parseRfc3339,
  startOfDay,
  toUtcIso,
} from "../../src/time/instant.ts";

/** The grammar as one regular expression: the reference the fast reader must agree with. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Date.UTC without its 0–99 → 1900–1999 mapping: years 0000–0099 are years, not abbreviations. */
function utc(y: number, mo: number, d = 1, h = 0, mi = 0, s = 0, ms = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo, d);
  return t.setUTCHours(h, mi, s, ms);
}

function daysIn(y: number, m: number): number {
  return new Date(utc(y, m, 0)).getUTCDate();
}

function referenceParse(value: string): number {
  const m = RFC3339.exec(value);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 60) return Number.NaN;
  if (m[9] && (+m[10] > 23 || +m[11] > 59)) return Number.NaN;
  // Milliseconds: the first three fraction digits, the rest dropped (truncated, never rounded up).
  const ms = m[7] ? Number(m[7].slice(1, 4).padEnd(3, "0")) : 0;
  const sign = m[9] === "-" ? -1 : 1;
  const offset = m[9] ? sign * (+m[10] * 60 + +m[11]) * 60_000 : 0;
  const t = utc(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offset;
  // Second 60 only where the time in UTC is 23:59:60 (read as 23:59:59).
  if (s === 60 && new Date(t).toISOString().slice(11, 19) !== "23:59:59") return Number.NaN;
  return t;
}

function referenceDateOnly(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  return m !== null && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= daysIn(+m[1], +m[2]);
}

describe("parseRfc3339", () => {
  it("reads UTC, offsets, fractions and lower-case t/z", () => {
    expect(parseRfc3339("2025-04-18T16:00:00Z")).toBe(Date.UTC(2025, 3, 18, 16));
    expect(parseRfc3339("2025-04-18t16:00:00z")).toBe(Date.UTC(2025, 3, 18, 16));
    expect(parseRfc3339("2025-04-18T17:00:00+01:00")).toBe(Date.UTC(2025, 3, 18, 16));
    expect(parseRfc3339("2025-04-18T11:30:00-04:30")).toBe(Date.UTC(2025, 3, 18, 16));
    expect(parseRfc3339("2025-04-18T16:00:00.5Z")).toBe(Date.UTC(2025, 3, 18, 16, 0, 0, 500));
    expect(parseRfc3339("2025-04-18T16:00:00.123456789Z")).toBe(Date.UTC(2025, 3, 18, 16, 0, 0, 123));
    expect(parseRfc3339("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
    // Years 0000–0099 are years of the first century, not 1900–1999.
    expect(parseRfc3339("0050-01-01T00:00:00Z")).toBe(utc(50, 0, 1));
    expect(parseRfc3339("0050-01-01T00:00:00+00:00")).toBe(utc(50, 0, 1));
    expect(parseRfc3339("0050-01-01T01:00:00+01:00")).toBe(utc(50, 0, 1));
    expect(parseRfc3339("0000-02-29T12:00:00Z")).toBe(utc(0, 1, 29, 12));
    expect(parseRfc3339("0099-12-31T23:59:59Z")).toBe(utc(100, 0, 1) - 1000);
  });

  it("reads a fraction of any length, to the millisecond, truncated", () => {
    const at = Date.UTC(2025, 3, 18, 11, 30);
    expect(parseRfc3339("2025-04-18T11:30:00.1234567890Z")).toBe(at + 123);
    expect(parseRfc3339("2025-04-18T11:30:00.12345678901234567890123456789Z")).toBe(at + 123);
    expect(parseRfc3339("2025-04-18T11:30:00.99999999999999999999Z")).toBe(at + 999);
    expect(parseRfc3339("2025-04-18T11:30:00.0009999999999Z")).toBe(at);
    expect(parseRfc3339("2025-04-18T12:30:00.5000000000+01:00")).toBe(at + 500);
    expect(parseRfc3339("2025-04-18T11:30:00.1234567890")).toBeNaN();
    expect(parseRfc3339("2025-04-18T11:30:00.1234567890.5Z")).toBeNaN();
  });

  it("reads a leap second (23:59:60 in UTC, at any offset) as the second before it", () => {
    const last = Date.UTC(2016, 11, 31, 23, 59, 59);
    expect(parseRfc3339("2016-12-31T23:59:60Z")).toBe(last);
    expect(parseRfc3339("2017-01-01T00:59:60+01:00")).toBe(last);
    expect(parseRfc3339("2016-12-31T18:59:60-05:00")).toBe(last);
    expect(parseRfc3339("2017-01-01T05:29:60+05:30")).toBe(last);
    expect(parseRfc3339("2016-12-31T23:59:60.25Z")).toBe(last + 250);
    expect(parseRfc3339("2015-06-30T23:59:60Z")).toBe(Date.UTC(2015, 5, 30, 23, 59, 59));
  });

  it.each([
    ["a mid-day second 60", "2025-04-18T16:00:60Z"],
    ["23:59:60 local that is not 23:59:60 in UTC", "2016-12-31T23:59:60+01:00"],
    ["second 60 of another minute", "2016-12-31T23:58:60Z"],
    ["second 60 after midnight UTC", "2017-01-01T00:00:60Z"],
  ])("refuses %s", (_what, value) => {
    expect(parseRfc3339(value)).toBeNaN();
    expect(isMisplacedLeapSecond(value)).toBe(true);
  });

  it("tells a misplaced leap second from other invalid values", () => {
    for (const value of [
      "2016-12-31T23:59:60Z",
      "2025-04-18T16:00:59Z",
      "2025-04-18T16:00:61Z",
      "2025-13-18T16:00:60Z",
      "x",
    ]) {
      expect(isMisplacedLeapSecond(value), value).toBe(false);
    }
  });

  it.each([
    ["no offset", "2025-04-18T16:00:00"],
    ["a space for T", "2025-04-18 16:00:00Z"],
    ["no seconds", "2025-04-18T16:00Z"],
    ["an empty fraction", "2025-04-18T16:00:00.Z"],
    ["offset without colon", "2025-04-18T16:00:00+0100"],
    ["offset hour 24", "2025-04-18T16:00:00+24:00"],
    ["offset minute 60", "2025-04-18T16:00:00+01:60"],
    ["trailing text", "2025-04-18T16:00:00Zx"],
    ["trailing text after offset", "2025-04-18T16:00:00+01:00 "],
    ["leading space", " 2025-04-18T16:00:00Z"],
    ["month 13", "2025-13-18T16:00:00Z"],
    ["month 0", "2025-00-18T16:00:00Z"],
    ["day 0", "2025-04-00T16:00:00Z"],
    ["31 April", "2025-04-31T16:00:00Z"],
    ["29 February of a common year", "2025-02-29T16:00:00Z"],
    ["29 February 1900", "1900-02-29T00:00:00Z"],
    ["hour 24", "2025-04-18T24:00:00Z"],
    ["minute 60", "2025-04-18T16:60:00Z"],
    ["second 61", "2025-04-18T16:00:61Z"],
    ["a letter for a digit", "2025-O4-18T16:00:00Z"],
    ["a sign inside the year", "+025-04-18T16:00:00Z"],
    ["a date only", "2025-04-18"],
    ["empty", ""],
  ])("refuses %s", (_what, value) => {
    expect(parseRfc3339(value)).toBeNaN();
    expect(isRfc3339(value)).toBe(false);
  });

  it("agrees with the regular-expression reading on generated strings", () => {
    // Valid date-times, each then broken one character at a time.
    const alphabet = "0123456789-:.+TtZz x/";
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const pad = (v: number, w = 2) => String(v).padStart(w, "0");
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const frac = random(3) === 0 ? `.${"1234567899999999999990123".slice(random(3), 1 + random(25))}` : "";
      const zone = random(2) === 0 ? "Z" : `${random(2) ? "+" : "-"}${pad(random(24))}:${pad(random(60))}`;
      const year = random(4) === 0 ? random(100) : 1900 + random(300);
      const valid = `${pad(year, 4)}-${pad(1 + random(12))}-${pad(1 + random(31))}T${pad(random(24))}:${pad(random(60))}:${pad(random(61))}${frac}${zone}`;
      const variants = [valid];
      for (let k = 0; k < 6; k++) {
        const at = random(valid.length + 1);
        const c = alphabet[random(alphabet.length)];
        variants.push(valid.slice(0, at) + c + valid.slice(at + 1), valid.slice(0, at) + c + valid.slice(at));
      }
      variants.push(valid.slice(0, random(valid.length)));
      for (const v of variants) {
        const expected = referenceParse(v);
        const got = parseRfc3339(v);
        if (Number.isNaN(expected)) expect(got, v).toBeNaN();
        else expect(got, v).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});

describe("toUtcIso", () => {
  it("writes years 0000–0099 with four digits, as read", () => {
    expect(toUtcIso(parseRfc3339("0050-01-01T00:00:00+00:00"))).toBe("0050-01-01T00:00:00Z");
    expect(toUtcIso(parseRfc3339("0001-03-01T00:30:00+01:00"))).toBe("0001-02-28T23:30:00Z");
  });
});

describe("isDateOnly", () => {
  it("accepts real calendar dates only", () => {
    expect(isDateOnly("2025-04-18")).toBe(true);
    expect(isDateOnly("2024-02-29")).toBe(true);
    expect(isDateOnly("2000-02-29")).toBe(true);
    for (const bad of [
      "2025-02-29",
      "1900-02-29",
      "2025-04-31",
      "2025-13-01",
      "2025-00-10",
      "2025-4-18",
      "2025-04-18Z",
      "2025/04/18",
      "",
    ]) {
      expect(isDateOnly(bad), bad).toBe(false);
    }
  });

  it("agrees with the regular-expression reading on generated strings", () => {
    for (let y = 1899; y <= 2101; y += 7) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d += 1) {
          const v = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          expect(isDateOnly(v), v).toBe(referenceDateOnly(v));
        }
      }
    }
  });
});

/** The local `YYYY-MM-DD` of an instant in a zone, read independently of the code under test. */
function referenceLocalDate(ms: number, timeZone: string): string {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone,
    era: "short",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  for (const p of f.formatToParts(ms)) parts[p.type] = p.value;
  const year = parts.era === "BC" ? 1 - Number(parts.year) : Number(parts.year);
  return `${String(year).padStart(4, "0")}-${parts.month}-${parts.day}`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

describe("startOfDay and endOfDay", () => {
  it.each([
    // DST starts at local midnight: 00:00 does not exist, the day begins at 01:00.
    ["America/Santiago", "2024-09-08", "2024-09-08T04:00:00Z"],
    ["America/Havana", "2024-03-10", "2024-03-10T05:00:00Z"],
    ["America/Asuncion", "2024-10-06", "2024-10-06T04:00:00Z"],
    ["Asia/Beirut", "2024-03-31", "2024-03-30T22:00:00Z"],
    // DST ends at local midnight: the day begins at the second 00:00.
    ["America/Santiago", "2024-04-07", "2024-04-07T04:00:00Z"],
    ["Asia/Beirut", "2024-10-27", "2024-10-26T22:00:00Z"],
    // Ordinary zones, on and around their changes.
    ["Europe/London", "2024-03-31", "2024-03-31T00:00:00Z"],
    ["Europe/London", "2024-10-27", "2024-10-26T23:00:00Z"],
    ["Europe/London", "2024-07-01", "2024-06-30T23:00:00Z"],
    ["Europe/Kyiv", "2024-03-31", "2024-03-30T22:00:00Z"],
    ["Europe/Kyiv", "2024-10-27", "2024-10-26T21:00:00Z"],
    ["America/New_York", "2024-03-10", "2024-03-10T05:00:00Z"],
    ["Asia/Tokyo", "2025-04-18", "2025-04-17T15:00:00Z"],
    ["UTC", "2025-04-18", "2025-04-18T00:00:00Z"],
  ])("%s %s begins at %s", (zone, date, expected) => {
    expect(iso(startOfDay(date, zone))).toBe(expected);
    const previous = new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);
    expect(iso(endOfDay(previous, zone))).toBe(expected);
  });

  it("reads years 0000–0099 as years of the first century, in UTC and in zones", () => {
    expect(startOfDay("0050-06-01", "UTC")).toBe(utc(50, 5, 1));
    expect(endOfDay("0099-12-31", "UTC")).toBe(utc(100, 0, 1));
    expect(startOfDay("0000-03-01", "UTC")).toBe(utc(0, 2, 1));
    for (const [zone, date] of [
      ["Europe/Paris", "0050-06-01"],
      ["Asia/Tokyo", "0000-01-01"],
      ["Asia/Tokyo", "0001-01-01"],
      ["America/New_York", "0000-01-01"],
      ["America/New_York", "0099-12-31"],
    ]) {
      const start = startOfDay(date, zone);
      expect(referenceLocalDate(start, zone), `${zone} ${date}`).toBe(date);
      expect(referenceLocalDate(start - 1000, zone) < date, `${zone} ${date}`).toBe(true);
    }
  });

  it("localDate writes years 0000–0099 with four digits", () => {
    expect(localDate("0050-01-01T12:00:00Z", "UTC")).toBe("0050-01-01");
    expect(localDate("0001-01-01T03:00:00Z", "America/New_York")).toBe("0000-12-31");
  });

  it("a day skipped entirely (Samoa, 2011-12-30) begins and ends where the next day begins", () => {
    expect(iso(startOfDay("2011-12-30", "Pacific/Apia"))).toBe("2011-12-30T10:00:00Z");
    expect(iso(endOfDay("2011-12-30", "Pacific/Apia"))).toBe("2011-12-30T10:00:00Z");
    expect(iso(endOfDay("2011-12-29", "Pacific/Apia"))).toBe("2011-12-30T10:00:00Z");
  });

  it("is the first instant whose local date is that day, for every day of a year in zones with changes", () => {
    const zones = [
      "America/Santiago",
      "America/Havana",
      "America/Asuncion",
      "Africa/Cairo",
      "Asia/Beirut",
      "Europe/London",
      "Europe/Kyiv",
      "America/New_York",
      "Australia/Lord_Howe",
      "Pacific/Chatham",
    ];
    for (const zone of zones) {
      for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2025, 0, 1); day += 86_400_000) {
        const date = new Date(day).toISOString().slice(0, 10);
        const start = startOfDay(date, zone);
        expect(referenceLocalDate(start, zone), `${zone} ${date}`).toBe(date);
        expect(referenceLocalDate(start - 1000, zone) < date, `${zone} ${date}`).toBe(true);
      }
    }
  });
});

describe("time zones", () => {
  it("accepts IANA names, in any case", () => {
    for (const zone of [
      "Europe/London",
      "europe/london",
      "UTC",
      "Etc/GMT+5",
      "America/Argentina/Buenos_Aires",
      "Europe/Kiev",
    ]) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
  });

  it("refuses UTC offsets, which Intl accepts as zones, and unknown names", () => {
    for (const zone of ["+01:00", "-0530", "+14", "-00:00", "+0100", "Mars/Olympus_Mons", "Z", "", " UTC"]) {
      expect(isValidTimeZone(zone), zone).toBe(false);
      expect(canonicalTimeZone(zone), zone).toBeUndefined();
    }
  });

  it("gives Intl's spelling for a name that differs from it in case alone, and keeps aliases as written", () => {
    expect(canonicalTimeZone("europe/paris")).toBe("Europe/Paris");
    expect(canonicalTimeZone("Europe/Paris")).toBe("Europe/Paris");
    expect(canonicalTimeZone("eTC/gmt+5")).toBe("Etc/GMT+5");
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(canonicalTimeZone("europe/kiev")).toBe("Europe/Kiev");
    // Aliases Intl replaces with another name stay as written (Intl reads Europe/Kyiv as Europe/Kiev).
    expect(canonicalTimeZone("Europe/Kyiv")).toBe("Europe/Kyiv");
    expect(canonicalTimeZone("GMT")).toBe("GMT");
    expect(canonicalTimeZone("US/Eastern")).toBe("US/Eastern");
  });
});
