/** Realistic change events for the render tests (events spec's London example and friends). */
import type { ChangeEvent } from "../../src/events/event.ts";
import type { Deadline, Meeting } from "../../src/model/item.ts";

const london: Meeting = {
  kind: "meeting",
  id: "london-talks-2025-04-23",
  title: "London talks on a Ukraine ceasefire",
  url: "https://example.org/talks/london?date=2025-04-23&lang=en",
  updated_at: "2025-04-23T17:00:00Z",
  tags: ["Ukraine", "ceasefire"],
  parties: ["UA", "US", "GB", "FR", "DE"],
  timezone: "Europe/London",
  starts_at: "2025-04-23T10:00:00+01:00",
  location: { venue: "Lancaster House", city: "London", country: "GB" },
  level: "officials",
  participants: ["Keith Kellogg", "Andriy Yermak"],
  status: "held",
};

export const downgraded: ChangeEvent = {
  id: "evt_london0downgraded0held0aaaa",
  type: "meeting.downgraded",
  kinds: ["meeting.downgraded", "meeting.held"],
  severity: "major",
  source: "ukraine-talks",
  item: london,
  changes: [
    { field: "level", from: "ministerial", to: "officials" },
    { field: "status", from: "scheduled", to: "held" },
  ],
  summary: "London talks on a Ukraine ceasefire: downgraded from ministerial to officials; held",
  occurred_at: "2025-04-23T17:00:00Z",
  detected_at: "2025-04-23T18:05:12Z",
};

export const updated: ChangeEvent = {
  id: "evt_london0updated0bbbbbbbbbbbb",
  type: "meeting.updated",
  kinds: ["meeting.updated"],
  severity: "minor",
  source: "ukraine-talks",
  item: { ...london, outcome: "No joint statement", updated_at: "2025-04-24T08:30:00Z" },
  changes: [
    { field: "outcome", from: null, to: "No joint statement" },
    { field: "tags", from: ["Ukraine"], to: ["Ukraine", "ceasefire"] },
  ],
  summary: "London talks on a Ukraine ceasefire: updated",
  occurred_at: "2025-04-24T08:30:00Z",
  detected_at: "2025-04-24T08:35:00Z",
};

export const relocated: ChangeEvent = {
  id: "evt_london0relocated0cccccccccc",
  type: "meeting.relocated",
  kinds: ["meeting.relocated", "meeting.participants_changed"],
  severity: "major",
  source: "ukraine-talks",
  item: { ...london, location: { venue: "Lancaster House", city: "London", country: "GB" } },
  changes: [
    {
      field: "location",
      from: { city: "Paris", country: "FR" },
      to: { venue: "Lancaster House", city: "London", country: "GB" },
    },
    {
      field: "participants",
      from: ["Marco Rubio", "Keith Kellogg"],
      to: ["Keith Kellogg", "Andriy Yermak"],
      added: ["Andriy Yermak"],
      removed: ["Marco Rubio"],
    },
  ],
  summary: "London talks on a Ukraine ceasefire: relocated to Lancaster House, London, GB; participants changed",
  occurred_at: "2025-04-22T09:15:00Z",
  detected_at: "2025-04-22T09:20:00Z",
};

const deadlineItem: Deadline = {
  kind: "deadline",
  id: "ceasefire-response",
  title: "Russian response to the ceasefire proposal",
  updated_at: "2025-04-20T12:00:00Z",
  tags: ["ceasefire"],
  parties: ["RU", "US"],
  timezone: "Europe/Moscow",
  due: "2025-05-15",
  status: "open",
  set_by: "US",
};

export const extended: ChangeEvent = {
  id: "evt_deadline0extended0ddddddddd",
  type: "deadline.extended",
  kinds: ["deadline.extended"],
  severity: "major",
  source: "ukraine-talks",
  item: deadlineItem,
  changes: [{ field: "due", from: "2025-04-30", to: "2025-05-15" }],
  summary: "Russian response to the ceasefire proposal: extended from 2025-04-30 to 2025-05-15",
  occurred_at: "2025-04-20T12:00:00Z",
  detected_at: "2025-04-20T12:01:30Z",
};

/** Source text a feed must survive: markup, entities, CDATA terminators, quotes, emoji, control characters. */
export const NASTY = `<script>alert("x&y")</script> ]]> 'q' & &amp; 🕊️ café\u0000\u0007\u001bend`;
/** NASTY as it may appear in XML: the characters XML 1.0 forbids dropped. */
export const NASTY_CLEAN = `<script>alert("x&y")</script> ]]> 'q' & &amp; 🕊️ caféend`;

export const nasty: ChangeEvent = {
  id: "evt_nasty0eeeeeeeeeeeeeeeeeeeee",
  type: "deadline.updated",
  kinds: ["deadline.updated"],
  severity: "minor",
  source: "ukraine-talks",
  item: {
    ...deadlineItem,
    id: "nasty",
    title: NASTY,
    url: "javascript:alert(1)",
    tags: ["<b>bold</b>", "a&b"],
  },
  changes: [{ field: "title", from: "<i>old</i> title", to: NASTY }],
  summary: `Updated: ${NASTY}`,
  occurred_at: "2025-04-21T06:00:00Z",
  detected_at: "2025-04-21T06:00:05Z",
};

export const EVENTS: ChangeEvent[] = [updated, downgraded, relocated, nasty, extended];
