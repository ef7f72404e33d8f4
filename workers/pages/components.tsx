/** @jsxImportSource hono/jsx */
/** Small pieces the pages share: times, countdowns, severity, changes, the subscribe box. */

import { countdown } from "../../src/board/countdown.ts";
import { FEED_TYPES, type SubscribeLinks } from "../../src/board/subscribe.ts";
import type { Change, ChangeEvent, JsonValue, Severity } from "../../src/events/event.ts";
import { toUtcIso } from "../../src/time/instant.ts";

/** Severity as a word (and a mark drawn by the style sheet, silent to screen readers), coloured only as an extra. */
export const SeverityBadge = ({ severity }: { severity: Severity }) => (
  <span class={`sev ${severity}`}>{severity}</span>
);

/** A moment as `<time>`: UTC date and time to the minute. */
export const When = ({ iso }: { iso: string }) => <time datetime={iso}>{iso.slice(0, 16).replace("T", " ")} UTC</time>;

/** A date as written by the source (date-only values stay dates), in `<time>`. */
export const SourceDate = ({ value, timeZone }: { value: string; timeZone: string }) => (
  <time datetime={value}>
    {value.length === 10 ? value : value.replace("T", " ")}
    {timeZone !== "UTC" && <span class="muted"> ({timeZone})</span>}
  </time>
);

/** "in 2 days 4 h" / "lapsed 3 h ago"; the inline script moves it on once a minute (no live region). */
export const Countdown = ({ ms, now, past = "lapsed" }: { ms: number; now: number; past?: string }) => {
  const iso = toUtcIso(ms);
  return (
    <time class="cd" datetime={iso} data-countdown={iso} data-past={past}>
      {countdown(ms, now, past)}
    </time>
  );
};

function show(v: JsonValue | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x)).join(", ") : "—";
  if (typeof v === "object")
    return (
      Object.entries(v)
        .filter(([, x]) => x !== undefined && x !== null)
        .map(([k, x]) => `${k}: ${show(x)}`)
        .join(", ") || "—"
    );
  return String(v);
}

export const ChangeLine = ({ change }: { change: Change }) => (
  <li>
    <strong>{change.field}</strong>: <del>{show(change.from)}</del> → <ins>{show(change.to)}</ins>
    {change.added?.length ? <span class="muted"> (added {change.added.join(", ")})</span> : null}
    {change.removed?.length ? <span class="muted"> (removed {change.removed.join(", ")})</span> : null}
  </li>
);

/** An event's page link: its item page, or nothing for operational events. */
export function itemHref(e: ChangeEvent): string | null {
  const kind = e.item.kind;
  if (kind !== "deadline" && kind !== "meeting") return null;
  return `/items/${[e.source, kind, e.item.id].map(encodeURIComponent).join("/")}`;
}

export const EventEntry = ({ event, withChanges }: { event: ChangeEvent; withChanges: boolean }) => {
  const href = itemHref(event);
  return (
    <li>
      <SeverityBadge severity={event.severity} />
      {href ? <a href={href}>{event.summary}</a> : event.summary}
      <div class="meta">
        <When iso={event.occurred_at} /> · {event.type} · {event.source}
      </div>
      {withChanges && event.changes.length > 0 && (
        <ul class="changes">
          {event.changes.map((c) => (
            <ChangeLine change={c} />
          ))}
        </ul>
      )}
    </li>
  );
};

const FORMAT_NAMES = [
  ["rss", "RSS"],
  ["atom", "Atom"],
  ["json", "JSON Feed"],
  ["webcal", "Calendar"],
] as const;

/** The view's feed and calendar URLs with copy buttons, and the webhook pointer. */
export const Subscribe = ({ links }: { links: SubscribeLinks }) => (
  <section class="subscribe" aria-labelledby="subscribe-h">
    <h2 id="subscribe-h">Subscribe to this view</h2>
    <ul>
      {FORMAT_NAMES.map(([key, name]) => (
        <li>
          <span class="fmt">{name}</span>
          <a href={links[key]} type={key === "webcal" ? FEED_TYPES.ics : FEED_TYPES[key]}>
            <code>{links[key]}</code>
          </a>
          <button type="button" data-copy={links[key]} aria-label={`Copy the ${name} URL`}>
            Copy
          </button>
        </li>
      ))}
    </ul>
    <p>
      Webhooks: signed POSTs of the same changes to your endpoint — see the <a href="/docs">API docs</a> (
      <code>POST /api/subscriptions</code>).
    </p>
  </section>
);
