/**
 * OpenAPI-only schemas: what responses look like, named as components. They
 * document; they validate nothing (request schemas that are domain rules live
 * in src/). Nested records the API passes through are described loosely.
 */
import { z } from "@hono/zod-openapi";
import { ITEM_KINDS } from "../../src/model/item.ts";
import { SOURCE_FORMATS } from "../../src/sources/source-config.ts";
import { PAIR_STATES } from "../../src/webhooks/delivery-ledger.ts";
import { WEBHOOK_FORMATS } from "../../src/webhooks/subscription-schema.ts";

const instant = z.string().openapi({ format: "date-time", example: "2025-04-18T16:00:00Z" });

export const ProblemSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid_request" }),
      message: z.string(),
      field: z.string().optional(),
      issues: z
        .array(
          z.object({
            index: z.number().int().optional(),
            id: z.string().optional(),
            field: z.string().optional(),
            message: z.string(),
          }),
        )
        .optional(),
    }),
  })
  .openapi("Problem", { description: "Every error: a code, a message, and the issues naming item and field." });

export const ItemSchema = z
  .object({
    kind: z.enum(ITEM_KINDS),
    id: z.string(),
    title: z.string(),
    status: z.string(),
    updated_at: instant,
    tags: z.array(z.string()),
    parties: z.array(z.string()),
    timezone: z.string(),
  })
  .openapi("Item", { description: "A deadline or a meeting, as the update-feed spec defines them, normalized." });

export const EventSchema = z
  .object({
    id: z.string().openapi({ example: "evt_3k2j…" }),
    type: z.string().openapi({ example: "meeting.rescheduled" }),
    kinds: z.array(z.string()),
    severity: z.enum(["info", "minor", "major"]),
    source: z.string(),
    item: z
      .object({ kind: z.string(), id: z.string() })
      .openapi({ description: "The item (or the subject of an operational event)" }),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    summary: z.string(),
    occurred_at: instant,
    detected_at: instant,
  })
  .openapi("Event", { description: "A change event (events spec, version 1)." });

export const SourceViewSchema = z
  .object({
    config: z.object({
      id: z.string(),
      title: z.string().optional(),
      url: z.string().optional(),
      format: z.enum(SOURCE_FORMATS),
      interval_minutes: z.number().int(),
      baseline: z.enum(["silent", "announce"]),
      removal_guard: z.boolean(),
      created_at: instant,
      updated_at: instant,
    }),
    status: z.object({ baselined: z.boolean() }).openapi({ description: "Last ingest, counts, last error" }),
    poll: z
      .object({
        outcomes: z.array(z.object({ at: instant, result: z.string() })),
        consecutive_failures: z.number().int(),
      })
      .openapi({ description: "Poll health: the last 20 outcomes, consecutive failures" }),
    outbox: z.number().int().openapi({ description: "Events committed and not yet published" }),
  })
  .openapi("Source");

export const IngestResultSchema = z
  .object({
    events: z.array(EventSchema),
    stale: z.number().int(),
    unchanged: z.number().int(),
    baseline: z.boolean(),
    published: z.literal(false).optional().openapi({ description: "Only on 202: applied, not all readable yet" }),
  })
  .openapi("IngestResult");

export const PollResultSchema = z
  .object({
    outcome: z.object({ at: instant, result: z.enum(["ok", "not_modified", "rejected", "error"]) }),
    events: z.array(EventSchema),
  })
  .openapi("PollResult", { description: "The poll's outcome and the events it produced" });

export const SubscriptionSchema = z
  .object({
    id: z.string().openapi({ example: "sub_0123456789abcdefghijklmn" }),
    url: z.string(),
    format: z.enum(WEBHOOK_FORMATS),
    filters: z.object({}).openapi({ description: "types, sources, tags, items, severity" }),
    enabled: z.boolean(),
    description: z.string().optional(),
    created_at: instant,
    updated_at: instant,
    health: z.object({ consecutive_failures: z.number().int() }),
  })
  .openapi("Subscription", { description: "A webhook subscription with its health; never its secret" });

export const SecretSchema = z.string().openapi({ example: "whsec_…", description: "Shown in this response only" });

export const DeliveriesSchema = z
  .object({
    deliveries: z.array(z.object({})),
    counts: z.record(z.enum(PAIR_STATES), z.number().int()),
    pairs: z.array(z.object({ event_id: z.string(), state: z.enum(PAIR_STATES) })),
  })
  .openapi("Deliveries");

/** The update-feed document (JSON); validated by the ingest pipeline, not by the route (it reads the raw body). */
export const UpdateDocumentSchema = z
  .looseObject({
    version: z.string(),
    mode: z.string().optional(),
    title: z.string().optional(),
    items: z.array(z.looseObject({ kind: z.enum(ITEM_KINDS), id: z.string() })),
  })
  .openapi("UpdateDocument", { description: "An update document (update-feed spec, version 1)" });
