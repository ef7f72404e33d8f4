import type { Change } from "../events/event.ts";
import type { EventKind } from "../events/event-kinds.ts";

/** One detected difference: its kind and the field change behind it (none for created/removed). */
export interface Finding {
  kind: EventKind;
  change?: Change;
}

/** Pushes a `*.updated` finding for each plain field whose value differs. */
export function diffPlainFields<T extends object>(
  prev: T,
  next: T,
  fields: readonly (keyof T & string)[],
  kind: EventKind,
  out: Finding[],
): void {
  for (const field of fields) {
    const from = prev[field];
    const to = next[field];
    if (from !== to) out.push({ kind, change: { field, from: from ?? null, to: to ?? null } });
  }
}
