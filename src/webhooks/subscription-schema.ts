/**
 * zod schemas for the webhook subscription API bodies:
 * `POST /api/subscriptions` (create) and `PATCH /api/subscriptions/:id`.
 *
 * They check shape only. Whether the URL is safe to deliver to (https, not a
 * private address) depends on configuration and DNS: the caller runs
 * `checkWebhookUrl` (url-safety.ts) on the parsed `url` afterwards.
 *
 * Filters: an absent (or, in PATCH, `null`) filter matches everything; within a
 * filter any entry may match; all present filters must match
 * (see subscription-filter.ts).
 */
import { z } from "zod";
import { isValidTypePattern, typePatternProblem } from "../events/event-kinds.ts";
import { ID_PATTERN } from "../ingest/item-schema.ts";
import { MAX_TAG_LENGTH } from "../ingest/limits.ts";
import { listNames } from "../text/excerpt.ts";

export const WEBHOOK_FORMATS = ["standard", "slack", "discord"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const MAX_FILTER_ENTRIES = 100;
export const MAX_DESCRIPTION = 500;
export const MAX_URL_LENGTH = 2048;

const ITEM_REF = /^(?:(?:deadline|meeting)\/)?[A-Za-z0-9._:-]{1,200}$/;

const list = <T extends z.ZodType>(entry: T, what: string) =>
  z
    .array(entry, { error: `expected a list of ${what}s` })
    .min(1, `empty list of ${what}s: omit the field to match every ${what}`)
    .max(MAX_FILTER_ENTRIES, `at most ${MAX_FILTER_ENTRIES} ${what}s`);

const typePattern = z
  .string({ error: "expected an event type pattern as a string" })
  .trim()
  .refine(isValidTypePattern, { error: (iss) => typePatternProblem(String(iss.input)) });

const sourceId = z
  .string({ error: "expected a source id as a string" })
  .trim()
  .regex(ID_PATTERN, "expected a source id: 1–200 characters of A–Z, a–z, 0–9, '.', '_', ':', '-'");

const tag = z
  .string({ error: "expected a tag as a string" })
  .trim()
  .min(1, "empty tag")
  .max(MAX_TAG_LENGTH, `tag longer than ${MAX_TAG_LENGTH} characters`);

const itemRef = z
  .string({ error: "expected an item reference as a string" })
  .trim()
  .regex(ITEM_REF, 'expected an item as "kind/id" (e.g. "meeting/london-talks") or a plain item id');

const severity = z.enum(["info", "minor", "major"], { error: 'expected severity "info", "minor" or "major"' });

const webhookUrl = z
  .string({ error: "required: url, the https:// address to deliver to" })
  .trim()
  .max(MAX_URL_LENGTH, `url longer than ${MAX_URL_LENGTH} characters`)
  .refine((v) => URL.canParse(v), "expected an absolute URL such as https://example.com/hooks/parley");

const description = z
  .string({ error: "expected description as a string" })
  .trim()
  .max(MAX_DESCRIPTION, `description longer than ${MAX_DESCRIPTION} characters`);

const format = z.enum(WEBHOOK_FORMATS, { error: 'expected format "standard", "slack" or "discord"' });

const filterFields = {
  types: list(typePattern, "type pattern"),
  sources: list(sourceId, "source"),
  tags: list(tag, "tag"),
  items: list(itemRef, "item"),
  severity,
};

/** Body of `POST /api/subscriptions`. Unknown fields are rejected (they are most likely typos). */
export const createSubscriptionSchema = z.strictObject(
  {
    url: webhookUrl,
    types: filterFields.types.optional(),
    sources: filterFields.sources.optional(),
    tags: filterFields.tags.optional(),
    items: filterFields.items.optional(),
    severity: filterFields.severity.optional(),
    format: format.default("standard"),
    description: description.optional(),
  },
  { error: (iss) => (iss.code === "unrecognized_keys" ? undefined : "expected a JSON object") },
);

/**
 * Body of `PATCH /api/subscriptions/:id`. Every field is optional; a filter
 * set to `null` is removed (matches everything again), `description: null`
 * clears it. At least one field is required.
 */
export const patchSubscriptionSchema = z
  .strictObject(
    {
      url: webhookUrl.optional(),
      enabled: z.boolean({ error: "expected enabled to be true or false" }).optional(),
      types: filterFields.types.nullable().optional(),
      sources: filterFields.sources.nullable().optional(),
      tags: filterFields.tags.nullable().optional(),
      items: filterFields.items.nullable().optional(),
      severity: filterFields.severity.nullable().optional(),
      format: format.optional(),
      description: description.nullable().optional(),
    },
    { error: (iss) => (iss.code === "unrecognized_keys" ? undefined : "expected a JSON object") },
  )
  .refine((v) => Object.keys(v).length > 0, {
    error: "nothing to change: give at least one field",
    when: (payload) => payload.issues.length === 0,
  });

export type CreateSubscriptionBody = z.output<typeof createSubscriptionSchema>;
export type PatchSubscriptionBody = z.output<typeof patchSubscriptionSchema>;

/** The filter part of a subscription, as subscription-filter.ts reads it. */
export interface SubscriptionFilter {
  types?: string[];
  sources?: string[];
  tags?: string[];
  items?: string[];
  severity?: "info" | "minor" | "major";
}

export interface SubscriptionIssue {
  /** Dotted path of the offending field, e.g. `types.1`; absent for the body as a whole. */
  field?: string;
  message: string;
}

/** Flattens a zod error into `{ field, message }` pairs suitable for a 400 response. */
export function describeSubscriptionIssues(error: z.ZodError): SubscriptionIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return { message: `unknown field${issue.keys.length > 1 ? "s" : ""}: ${listNames(issue.keys)}` };
    }
    return field ? { field, message: issue.message } : { message: issue.message };
  });
}
