/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/config/defaults.ts";
import { baseUrlVar, boolVar, listVar, numberListVar, numberVar } from "../../src/config/vars.ts";
import { RETRY_SCHEDULE_SECONDS } from "../../src/webhooks/retry-policy.ts";
import { readConfig } from "../../workers/config.ts";
import wranglerToml from "../../wrangler.toml?raw";

/** wrangler.toml's [vars] as written (every value there is a one-line string). */
function wranglerVars(): Record<string, string> {
  const section = wranglerToml.split(/^\[vars\]\s*$/m)[1]?.split(/^\[/m)[0] ?? "";
  const vars: Record<string, string> = {};
  for (const m of section.matchAll(/^([A-Z_]+)\s*=\s*"([^"]*)"\s*$/gm)) vars[m[1]] = m[2];
  return vars;
}

/** The defaults written as wrangler.toml writes vars. */
const defaultVars: Record<string, string> = {
  MAX_BODY_BYTES: String(DEFAULTS.maxBodyBytes),
  POLL_TIMEOUT_MS: String(DEFAULTS.pollTimeoutMs),
  SOURCE_FAILURE_THRESHOLD: String(DEFAULTS.sourceFailureThreshold),
  SCHEDULE_SOURCES: String(DEFAULTS.scheduleSources),
  DEADLINE_REMINDERS: DEFAULTS.deadlineReminders.join(","),
  MEETING_REMINDERS: DEFAULTS.meetingReminders.join(","),
  WEBHOOK_TIMEOUT_MS: String(DEFAULTS.webhookTimeoutMs),
  WEBHOOK_RETRY_SCHEDULE: DEFAULTS.webhookRetrySchedule.join(","),
  WEBHOOK_MAX_CONSECUTIVE_FAILURES: String(DEFAULTS.webhookMaxConsecutiveFailures),
  WEBHOOK_MAX_FAILURE_DAYS: String(DEFAULTS.webhookMaxFailureDays),
  ALLOW_PRIVATE_WEBHOOKS: String(DEFAULTS.allowPrivateWebhooks),
  PUBLISH_BATCH_EVENTS: String(DEFAULTS.publishBatchEvents),
  PUBLISH_MAX_SUBREQUESTS: String(DEFAULTS.publishMaxSubrequests),
  ALLOW_PRIVATE_SOURCES: String(DEFAULTS.allowPrivateSources),
  PUBLIC_BASE_URL: DEFAULTS.publicBaseUrl,
  CALENDAR_REFRESH_MINUTES: String(DEFAULTS.calendarRefreshMinutes),
  HUB_URLS: DEFAULTS.hubUrls.join(","),
  HUB_RETRY_SCHEDULE: DEFAULTS.hubRetrySchedule.join(","),
};

describe("readConfig", () => {
  it("the defaults are wrangler.toml's [vars], var for var", () => {
    expect(wranglerVars()).toEqual(defaultVars);
  });

  it("reading wrangler.toml's vars gives the defaults", () => {
    expect(readConfig(wranglerVars())).toEqual(readConfig({}));
  });

  it("no vars: the documented defaults", () => {
    expect(readConfig({})).toEqual({
      maxBodyBytes: 5 * 1024 * 1024,
      poll: { timeoutMs: 10_000, failureThreshold: 3, allowPrivate: false },
      scheduleSources: true,
      reminders: { deadline: ["7d", "72h", "24h", "1h"], meeting: ["24h", "1h"] },
      publish: { maxEvents: 100, maxSubrequests: 30 },
      webhooks: {
        timeoutMs: 10_000,
        schedule: RETRY_SCHEDULE_SECONDS,
        disable: { maxConsecutive: 50, maxFailureMs: 5 * 86_400_000 },
        allowPrivate: false,
      },
      calendarRefreshSeconds: 900,
      websub: { hubs: [], retrySchedule: [10, 60, 300, 1800, 7200] },
    });
  });

  it("reads every var over its default", () => {
    expect(
      readConfig({
        MAX_BODY_BYTES: "1024",
        POLL_TIMEOUT_MS: " 1500 ",
        SOURCE_FAILURE_THRESHOLD: "5",
        ALLOW_PRIVATE_SOURCES: "TRUE",
        SCHEDULE_SOURCES: "false",
        DEADLINE_REMINDERS: "48h, 2h,",
        MEETING_REMINDERS: "30m",
        PUBLISH_BATCH_EVENTS: "10",
        PUBLISH_MAX_SUBREQUESTS: "20",
        WEBHOOK_TIMEOUT_MS: "2500",
        WEBHOOK_RETRY_SCHEDULE: "1,2,3",
        WEBHOOK_MAX_CONSECUTIVE_FAILURES: "9.5",
        WEBHOOK_MAX_FAILURE_DAYS: "0.5",
        ALLOW_PRIVATE_WEBHOOKS: " true",
        PUBLIC_BASE_URL: "https://parley.example.org//",
        CALENDAR_REFRESH_MINUTES: "60",
        HUB_URLS: "https://hub.example.org/, https://pubsubhubbub.appspot.com/",
        HUB_RETRY_SCHEDULE: "1,2",
      }),
    ).toEqual({
      maxBodyBytes: 1024,
      poll: { timeoutMs: 1500, failureThreshold: 5, allowPrivate: true },
      scheduleSources: false,
      reminders: { deadline: ["48h", "2h"], meeting: ["30m"] },
      publish: { maxEvents: 10, maxSubrequests: 20 },
      webhooks: {
        timeoutMs: 2500,
        schedule: [1, 2, 3],
        disable: { maxConsecutive: 10, maxFailureMs: 43_200_000 },
        allowPrivate: true,
        publicBaseUrl: "https://parley.example.org",
      },
      calendarRefreshSeconds: 3600,
      websub: { hubs: ["https://hub.example.org/", "https://pubsubhubbub.appspot.com/"], retrySchedule: [1, 2] },
    });
  });

  it("an unreadable value takes the default", () => {
    const bad = readConfig({
      MAX_BODY_BYTES: "5MB",
      POLL_TIMEOUT_MS: "1.5",
      SOURCE_FAILURE_THRESHOLD: "0",
      ALLOW_PRIVATE_SOURCES: "yes",
      SCHEDULE_SOURCES: "no",
      DEADLINE_REMINDERS: " , ",
      PUBLISH_BATCH_EVENTS: "-1",
      WEBHOOK_RETRY_SCHEDULE: "5,soon",
      PUBLIC_BASE_URL: "parley.example.org",
    });
    expect(bad).toEqual(readConfig({}));
  });

  it("WEBHOOK_MAX_FAILURE_SECONDS replaces the days", () => {
    expect(readConfig({ WEBHOOK_MAX_FAILURE_SECONDS: "2" }).webhooks.disable.maxFailureMs).toBe(2000);
  });
});

describe("var parsers", () => {
  it("numberVar: positive numbers; whole ones with integer", () => {
    expect(numberVar("0.5", 7)).toBe(0.5);
    expect(numberVar("0.5", 7, { integer: true })).toBe(7);
    expect(numberVar("1e3", 7, { integer: true })).toBe(1000);
    for (const v of [undefined, "", "  ", "0", "-3", "NaN", "Infinity", "ten"]) expect(numberVar(v, 7)).toBe(7);
  });

  it("numberListVar: every entry a number ≥ 0, or the fallback", () => {
    expect(numberListVar("0, 5,10", [1])).toEqual([0, 5, 10]);
    expect(numberListVar("5,-1", [1])).toEqual([1]);
    expect(numberListVar(" ", [1])).toEqual([1]);
  });

  it("listVar, boolVar, baseUrlVar", () => {
    expect(listVar(" a, ,b ", ["x"])).toEqual(["a", "b"]);
    expect(listVar(undefined, ["x"])).toEqual(["x"]);
    expect(boolVar(" True ")).toBe(true);
    expect(boolVar("FALSE", true)).toBe(false);
    expect(boolVar("1", true)).toBe(true);
    expect(boolVar(undefined)).toBe(false);
    expect(baseUrlVar("http://localhost:8787/")).toBe("http://localhost:8787");
    expect(baseUrlVar("javascript:alert(1)")).toBeUndefined();
  });
});
