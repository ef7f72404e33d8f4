/**
 * A source's configuration (PUT /api/sources/{id}). Fields left out of a PUT
 * keep their current value (or the default on creation); `null` clears an
 * optional field.
 */
import { z } from "zod";
import { isHttpUrl } from "../ingest/item-schema.ts";
import { illegalCharacterProblem } from "../text/xml-characters.ts";

export const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const SOURCE_FORMATS = ["json", "rss", "atom", "auto"] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface SourceConfig {
  id: string;
  title?: string;
  url?: string;
  format: SourceFormat;
  interval_minutes: number;
  baseline: "silent" | "announce";
  /** Refuse a snapshot that would remove most of the source's live items (src/track/removal-guard.ts). Default true. */
  removal_guard: boolean;
  created_at: string;
  updated_at: string;
}

export const DEFAULT_INTERVAL_MINUTES = 15;
export const MIN_INTERVAL_MINUTES = 5;

/** The item `url` rule (absolute http(s), written plainly: no whitespace, control character or backslash). */
const httpUrl = z
  .string({ error: "expected an absolute http(s) URL" })
  .max(2000)
  .refine(isHttpUrl, "expected an absolute http(s) URL");

/** The item text rule (src/text/xml-characters.ts): what an item's title may hold, a source's may too. */
function plainText(ctx: z.core.ParsePayload<string>): void {
  const problem = illegalCharacterProblem(ctx.value);
  if (problem !== null) ctx.issues.push({ code: "custom", input: ctx.value, message: problem });
}

export const sourcePutSchema = z
  .object({
    title: z.string().trim().check(plainText).min(1).max(500).nullable().optional(),
    url: httpUrl.nullable().optional(),
    format: z.enum(SOURCE_FORMATS, { error: "expected json, rss, atom or auto" }).optional(),
    interval_minutes: z
      .number({ error: "expected a whole number of minutes" })
      .int("expected a whole number of minutes")
      .min(MIN_INTERVAL_MINUTES, `at least ${MIN_INTERVAL_MINUTES} minutes`)
      .max(7 * 24 * 60, "at most a week (10080 minutes)")
      .optional(),
    baseline: z.enum(["silent", "announce"], { error: "expected silent or announce" }).optional(),
    removal_guard: z.boolean({ error: "expected true or false" }).optional(),
  })
  .strict();

export type SourcePut = z.output<typeof sourcePutSchema>;

/** The configuration after applying a PUT body to the current one (or to the defaults). */
export function mergeSourceConfig(
  id: string,
  current: SourceConfig | undefined,
  put: SourcePut,
  now: string,
): SourceConfig {
  const next: SourceConfig = {
    id,
    format: put.format ?? current?.format ?? "auto",
    interval_minutes: put.interval_minutes ?? current?.interval_minutes ?? DEFAULT_INTERVAL_MINUTES,
    baseline: put.baseline ?? current?.baseline ?? "silent",
    removal_guard: put.removal_guard ?? current?.removal_guard ?? true,
    created_at: current?.created_at ?? now,
    updated_at: now,
  };
  const title = put.title === undefined ? current?.title : (put.title ?? undefined);
  const url = put.url === undefined ? current?.url : (put.url ?? undefined);
  if (title !== undefined) next.title = title;
  if (url !== undefined) next.url = url;
  return next;
}
