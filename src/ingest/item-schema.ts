/**
 * zod schemas for one item of the update feed (JSON-encoding field names;
 * the XML decoder produces the same shape). They validate; the
 * normalizer in normalize-item.ts builds the stored Item from the result.
 */
import { z } from "zod";
import { DEADLINE_STATUSES, MEETING_LEVELS, MEETING_STATUSES } from "../model/item.ts";
import {
  instantOf,
  isDateOnly,
  isMisplacedLeapSecond,
  isOffsetTimeZone,
  isRfc3339,
  isValidTimeZone,
} from "../time/instant.ts";
import { isCountryCode } from "./country-codes.ts";
import { LEAP_SECOND_MESSAGE } from "./errors.ts";
import { MAX_NAME_LENGTH, MAX_NAMES, MAX_SHORT_TEXT, MAX_TAG_LENGTH, MAX_TAGS, MAX_TEXT, MAX_TITLE } from "./limits.ts";

/*
 * The schemas expect input prepared by prepareItem (prepare-item.ts): strings
 * already trimmed, optional fields that are null or blank already removed, and
 * a single string where a list is expected already made a list. Doing that
 * in one plain pass instead of zod preprocess and trim steps per field keeps
 * validation of 1,000 items fast.
 */
const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const optText = (max: number) => text(max).optional();

export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

export const itemId = z
  .string({ error: "expected a string id" })
  .regex(ID_PATTERN, "expected 1–200 characters of A–Z, a–z, 0–9, '.', '_', ':', '-'");

/** The message for a date-time refused: a misplaced leap second is named as such (error path only). */
const dateTimeError = (expected: string) => (issue: { input?: unknown }) =>
  typeof issue.input === "string" && isMisplacedLeapSecond(issue.input) ? LEAP_SECOND_MESSAGE : expected;

const dateTime = z.string().refine(isRfc3339, {
  error: dateTimeError(
    "expected an RFC 3339 date-time with offset, e.g. 2025-04-23T10:00:00Z or 2025-04-23T11:00:00+01:00",
  ),
});

const dateOrDateTime = z.string().refine((v) => isDateOnly(v) || isRfc3339(v), {
  error: dateTimeError("expected an RFC 3339 date-time with offset (e.g. 2025-04-23T10:00:00Z) or a date YYYY-MM-DD"),
});

/**
 * `http://` or `https://` (any case), then a host (not another slash), and no
 * whitespace, control character or backslash anywhere: the forms a browser
 * would silently repair (`http:///x`, `http://a\\b`, a tab or space inside)
 * are refused rather than stored as written.
 */
const HTTP_URL_SHAPE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  /^https?:\/\/[^/\\?#\s\u0000-\u001F\u007F][^\\\s\u0000-\u001F\u007F]*$/i;

/** An absolute http(s) URL: written plainly (HTTP_URL_SHAPE), and parseable by the WHATWG URL parser. */
export function isHttpUrl(v: string): boolean {
  return HTTP_URL_SHAPE.test(v) && URL.canParse(v);
}

const httpUrl = z.string().refine(isHttpUrl, "expected an absolute http(s) URL");

/** Length in characters (code points), as zod counts a string's length for `.max`. */
function characters(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Distinct names, compared case-insensitively as the spec compares them. */
function distinct(list: readonly string[]): number {
  return new Set(list.map((s) => s.toLowerCase())).size;
}

/**
 * A list of names: strings, none empty or longer than `maxLength` characters,
 * at most `max` distinct ones (case-insensitively: the normalizer keeps one
 * spelling of each). The member checks run as one check over the list (issues
 * still point at the member, e.g. `tags.1`) rather than two zod checks per
 * member: items carry many names, and per-check overhead dominates.
 */
const nameList = (max: number, maxLength: number, what: string) =>
  z
    .array(z.string({ error: `expected ${what} as a string` }))
    .check((ctx) => {
      const list = ctx.value;
      for (let i = 0; i < list.length; i++) {
        const n = list[i].length;
        // UTF-16 length is at least the character count: count characters only when it matters.
        if (n === 0 || (n > maxLength && characters(list[i]) > maxLength)) {
          ctx.issues.push({
            code: "custom",
            input: list[i],
            path: [i],
            message: n === 0 ? `empty ${what}` : `${what} longer than ${maxLength} characters`,
          });
        }
      }
      if (list.length > max) {
        const count = distinct(list);
        if (count > max) {
          ctx.issues.push({ code: "custom", input: list, path: [], message: `at most ${max} ${what}s (got ${count})` });
        }
      }
    })
    .optional();

const common = {
  id: itemId,
  title: z
    .string({
      error: (iss) =>
        iss.input === undefined ? "required: a title (1–500 characters of plain text)" : "expected a title as a string",
    })
    .min(1, "title is empty")
    .max(MAX_TITLE, `at most ${MAX_TITLE} characters`),
  summary: optText(MAX_TEXT),
  url: httpUrl.optional(),
  updated_at: dateTime.optional(),
  tags: nameList(MAX_TAGS, MAX_TAG_LENGTH, "tag"),
  parties: nameList(MAX_NAMES, MAX_NAME_LENGTH, "party"),
  timezone: z
    .string()
    .refine(isValidTimeZone, {
      error: (issue) =>
        typeof issue.input === "string" && isOffsetTimeZone(issue.input)
          ? "expected an IANA time zone name such as Europe/London, not a UTC offset (write offsets in the date-times)"
          : "expected an IANA time zone such as Europe/London",
    })
    .optional(),
};

export const deadlineSchema = z
  .object({
    kind: z.literal("deadline"),
    ...common,
    due: dateOrDateTime.optional(),
    due_text: optText(MAX_SHORT_TEXT),
    status: z.enum(DEADLINE_STATUSES, { error: `expected one of ${DEADLINE_STATUSES.join(", ")}` }),
    set_by: optText(MAX_SHORT_TEXT),
  })
  .superRefine((d, ctx) => {
    if (d.due === undefined && d.due_text === undefined) {
      ctx.addIssue({ code: "custom", path: ["due"], message: "a deadline needs due or due_text (or both)" });
    }
  });

export const locationSchema = z
  .object(
    {
      city: optText(MAX_SHORT_TEXT),
      country: z
        .string()
        // Upper-cased by the normalizer (a zod transform here would cost a pipe per item).
        .refine(isCountryCode, "expected an ISO 3166-1 alpha-2 country code such as GB")
        .optional(),
      venue: optText(MAX_SHORT_TEXT),
    },
    { error: "expected an object with city, country, venue" },
  )
  .optional();

export const meetingSchema = z
  .object({
    kind: z.literal("meeting"),
    ...common,
    starts_at: dateOrDateTime.optional(),
    ends_at: dateOrDateTime.optional(),
    location: locationSchema,
    level: z.enum(MEETING_LEVELS, { error: `expected one of ${MEETING_LEVELS.join(", ")}` }).optional(),
    participants: nameList(MAX_NAMES, MAX_NAME_LENGTH, "participant"),
    status: z.enum(MEETING_STATUSES, { error: `expected one of ${MEETING_STATUSES.join(", ")}` }),
    outcome: optText(MAX_TEXT),
  })
  .superRefine((m, ctx) => {
    if (m.starts_at && m.ends_at && (m.timezone === undefined || isValidTimeZone(m.timezone))) {
      const tz = m.timezone ?? "UTC";
      if (instantOf(m.ends_at, tz, "end") < instantOf(m.starts_at, tz, "start")) {
        ctx.addIssue({ code: "custom", path: ["ends_at"], message: `must not be before starts_at (${m.starts_at})` });
      }
    }
    const mayBeUntimed = m.status === "proposed" || m.status === "postponed" || m.status === "cancelled";
    if (m.starts_at === undefined && !mayBeUntimed) {
      ctx.addIssue({
        code: "custom",
        path: ["starts_at"],
        message: `required when status is "${m.status}" (only proposed, postponed and cancelled meetings may omit it)`,
      });
    }
  });

export type DeadlineInput = z.output<typeof deadlineSchema>;
export type MeetingInput = z.output<typeof meetingSchema>;
