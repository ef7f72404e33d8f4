/**
 * A Discord webhook message for one change event: one embed with the entry
 * title (linked to the item's page), a description with the item's facts, the
 * source and the times, one field per change (its new value, then the old,
 * shortened around what differs so the new words show), and a colour by
 * severity. `allowed_mentions: { parse: [] }` so that text from a source can
 * never ping anyone.
 *
 * Discord limits respected: title 256, description 4096, ≤ 25 fields, field
 * name 256, field value 1024, footer 2048, and 6000 characters across the
 * embed. The fields share what the 6,000 leave; changes that do not fit are
 * counted in a last field, "and N more changes", never dropped silently.
 */
import type { ChangeEvent, Severity } from "../events/event.ts";
import { changeLine } from "../render/change-text.ts";
import type { PayloadLinks } from "./payload.ts";
import { entryTitle, itemUrl, messageContext, moreChanges, truncate } from "./payload-text.ts";

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

/** The shortest a change's value is cut to before changes are left out instead. */
const MIN_FIELD_VALUE = 120;

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

/** A change's value escaped within `max`: shortened before escaping until it fits. */
function fieldValue(change: ChangeEvent["changes"][number], zone: string, max: number): string {
  for (let room = max; ; room = Math.floor(room * 0.7)) {
    const v = escapeDiscord(changeLine(change, zone, room));
    if (v.length <= max || room < 10) return truncate(v, max);
  }
}

/** The largest cap such that the fields, each cut to it, fit `budget`: sum(min(len, cap)) ≤ budget. */
function fairCap(lengths: number[], budget: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let left = budget;
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(left / (sorted.length - i));
    if (sorted[i] > share) return share;
    left -= sorted[i];
  }
  return DISCORD_LIMITS.fieldValue;
}

function changeFields(event: ChangeEvent, zone: string, budget: number): DiscordField[] {
  const L = DISCORD_LIMITS;
  const changes = event.changes;
  const names = changes.map((c) => truncate(escapeDiscord(c.field) || "(field)", 80));
  const natural = changes.map((c) => fieldValue(c, zone, L.fieldValue).length);
  for (let shown = Math.min(changes.length, L.fields); shown >= 0; shown--) {
    const more = changes.length - shown;
    if (more > 0 && shown === L.fields) continue; // the last slot must say how many more
    const moreField = more > 0 ? { name: "…", value: moreChanges(more), inline: false } : undefined;
    let room = budget - (moreField ? moreField.name.length + moreField.value.length : 0);
    for (let i = 0; i < shown; i++) room -= names[i].length;
    const cap = fairCap(natural.slice(0, shown), room);
    if (shown > 0 && cap < Math.min(MIN_FIELD_VALUE, Math.max(...natural.slice(0, shown)))) continue;
    const fields = changes
      .slice(0, shown)
      .map((c, i) => ({ name: names[i], value: fieldValue(c, zone, Math.min(cap, L.fieldValue)), inline: false }));
    if (moreField && room >= 0) fields.push(moreField);
    return fields;
  }
  return [];
}

export function discordMessage(event: ChangeEvent, links: PayloadLinks): DiscordMessage {
  const L = DISCORD_LIMITS;
  const ctx = messageContext(event);
  const title = truncate(entryTitle(event), L.title);
  const footer = truncate(`${event.type} · ${event.severity}`, L.footer);
  const lines: string[] = [];
  if (ctx.lead !== undefined) lines.push(escapeDiscord(ctx.lead));
  for (const [k, v] of ctx.facts) lines.push(`**${k}:** ${escapeDiscord(v)}`);
  lines.push(`**Source:** ${escapeDiscord(links.sourceName ?? event.source)}`, escapeDiscord(ctx.times));
  // The description may take at most a third of the embed's budget, so the changes keep room.
  const description = truncate(lines.join("\n"), Math.min(L.description, 2000));
  const budget = L.embedTotal - title.length - footer.length - description.length;
  const embed: DiscordEmbed = {
    title,
    description,
    fields: changeFields(event, ctx.zone, budget),
    timestamp: event.occurred_at,
    color: SEVERITY_COLORS[event.severity],
    footer: { text: footer },
  };
  const url = links.eventUrl ?? itemUrl(event);
  if (url && /^https?:\/\//i.test(url)) embed.url = url;
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}
