/**
 * Filters over the event log, shared by the events API and the feeds:
 * `source`, `type` (the event's type), `kind` (any of its kinds), `tag`,
 * `item` (`kind/id` or a bare id) and `severity` (minimum). Each takes a
 * comma-separated list of alternatives; `type` and `kind` accept `meeting.*`.
 */
import { z } from "zod";
import type { Severity } from "./event.ts";
import { isValidTypePattern, typePatternProblem } from "./event-kinds.ts";

export interface EventFilter {
  source?: string[];
  type?: string[];
  kind?: string[];
  tag?: string[];
  item?: string[];
  severity?: Severity;
}

/** A query parameter holding comma-separated alternatives, as a list (blank entries dropped). */
export const commaList = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

const list = commaList.optional();

/** A list of type patterns, each checked as subscriptions check them: a misspelt one is an error, not an empty result. */
const patterns = list.check((ctx) => {
  for (const p of ctx.value ?? []) {
    if (!isValidTypePattern(p)) ctx.issues.push({ code: "custom", input: p, message: typePatternProblem(p) });
  }
});

export const eventFilterSchema = z.object({
  source: list,
  type: patterns,
  kind: patterns,
  tag: list,
  item: list,
  severity: z.enum(["info", "minor", "major"], { error: "expected info, minor or major" }).optional(),
});

/** `meeting.*` matches every meeting kind; `*` matches all; otherwise exact. */
export function kindMatches(pattern: string, kind: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return kind.startsWith(pattern.slice(0, -1));
  return pattern === kind;
}
