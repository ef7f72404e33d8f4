/**
 * A Discord webhook message for one change event: one embed with the item's
 * title (linked), the summary, one field per change (`before → after`), the
 * occurrence time, and a colour by severity. `allowed_mentions: { parse: [] }`
 * so that text from a source can never ping anyone.
 *
 * Discord limits respected (longer text is cut with "…"): title 256,
 * description 4096, ≤ 25 fields, field name 256, field value 1024,
 * footer 2048, and 6000 characters across the whole embed.
 */
import type { ChangeEvent, Severity } from "../events/event.ts";
import { formatChangeValue } from "./format-change.ts";
import type { PayloadLinks } from "./payload.ts";
import { itemTitle, itemUrl, truncate } from "./payload-text.ts";

export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
} as const;

export const SEVERITY_COLORS: Record<Severity, number> = { major: 0xd0342c, minor: 0xf0a020, info: 0x3b82f6 };

export interface DiscordField {
  name: string;
  value: string;
  inline: boolean;
}

export interface DiscordEmbed {
  title: string;
  description: string;
  url?: string;
  fields: DiscordField[];
  timestamp: string;
  color: number;
  footer: { text: string };
}

export interface DiscordMessage {
  embeds: [DiscordEmbed];
  allowed_mentions: { parse: never[] };
}

/** Backslash-escapes Discord markdown characters so that source text renders literally. */
export function escapeDiscord(text: string): string {
  return text.replace(/[\\*_~`|[\]>#]/g, "\\$&");
}

export function discordMessage(event: ChangeEvent, links: PayloadLinks): DiscordMessage {
  const L = DISCORD_LIMITS;
  const title = truncate(itemTitle(event) ?? event.type, L.title);
  const footer = truncate(`${event.type} · ${event.severity} · ${event.source}`, L.footer);
  const description = truncate(escapeDiscord(event.summary || event.type), L.description);
  let budget = L.embedTotal - title.length - footer.length - description.length;

  const fields: DiscordField[] = [];
  const changes = event.changes;
  for (let i = 0; i < changes.length; i++) {
    const lastSlot = fields.length === L.fields - 1 && i < changes.length - 1;
    const field = lastSlot
      ? { name: "…", value: `and ${changes.length - i} more changes`, inline: false }
      : {
          name: truncate(escapeDiscord(changes[i].field) || "(field)", L.fieldName),
          value: truncate(escapeDiscord(formatChangeValue(changes[i])), L.fieldValue),
          inline: false,
        };
    const room = budget - field.name.length;
    if (room < Math.min(field.value.length, 20)) break;
    if (field.value.length > room) field.value = truncate(field.value, room);
    fields.push(field);
    budget -= field.name.length + field.value.length;
    if (lastSlot) break;
  }

  const embed: DiscordEmbed = {
    title,
    description,
    fields,
    timestamp: event.occurred_at,
    color: SEVERITY_COLORS[event.severity],
    footer: { text: footer },
  };
  const url = links.eventUrl ?? itemUrl(event);
  if (url && /^https?:\/\//i.test(url)) embed.url = url;
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}
