/**
 * The subscribe URLs of a board view: its change feeds (RSS, Atom, JSON
 * Feed) and its calendar, as an https link and as webcal:// for calendar
 * apps. The calendar routes follow their published pattern
 * (`/feeds/calendar.ics?source=&tag=`, `/feeds/items/{source}/{kind}/{id}.ics`).
 */

export type BoardView =
  | { kind: "board"; source?: string; tag?: string }
  | { kind: "item"; source: string; itemKind: string; id: string };

export interface SubscribeLinks {
  rss: string;
  atom: string;
  json: string;
  ics: string;
  webcal: string;
}

export const FEED_TYPES = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
  ics: "text/calendar",
} as const;

function query(view: { source?: string; tag?: string }): string {
  const q = new URLSearchParams();
  if (view.source) q.set("source", view.source);
  if (view.tag) q.set("tag", view.tag);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function subscribeLinks(origin: string, view: BoardView): SubscribeLinks {
  let at: (ext: string) => string;
  if (view.kind === "item") {
    const base = `${origin}/feeds/items/${[view.source, view.itemKind, view.id].map(encodeURIComponent).join("/")}`;
    at = (ext) => `${base}.${ext}`;
  } else {
    const q = query(view);
    at = (ext) => (ext === "ics" ? `${origin}/feeds/calendar.ics${q}` : `${origin}/feeds/changes.${ext}${q}`);
  }
  const ics = at("ics");
  return { rss: at("rss"), atom: at("atom"), json: at("json"), ics, webcal: ics.replace(/^https?:/, "webcal:") };
}
