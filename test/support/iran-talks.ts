/**
 * The iran-talks-2025 sequence (../shared/examples/iran-talks-2025, copied to
 * examples/ as the other examples are): ten snapshots of one source and the 28
 * events they must yield, as `{item, type, kinds}` per step.
 */
import expectedText from "../../examples/iran-talks-2025/expected.json?raw";
import s0410 from "../../examples/iran-talks-2025/iran-2025-04-10.json?raw";
import s0415 from "../../examples/iran-talks-2025/iran-2025-04-15.json?raw";
import s0418 from "../../examples/iran-talks-2025/iran-2025-04-18.json?raw";
import s0421 from "../../examples/iran-talks-2025/iran-2025-04-21.json?raw";
import s0430 from "../../examples/iran-talks-2025/iran-2025-04-30.json?raw";
import s0502 from "../../examples/iran-talks-2025/iran-2025-05-02.json?raw";
import s0612 from "../../examples/iran-talks-2025/iran-2025-06-12.json?raw";
import s0718 from "../../examples/iran-talks-2025/iran-2025-07-18.json?raw";
import s0829 from "../../examples/iran-talks-2025/iran-2025-08-29.json?raw";
import s1001 from "../../examples/iran-talks-2025/iran-2025-10-01.json?raw";

const files: Record<string, string> = {
  "iran-2025-04-10.json": s0410,
  "iran-2025-04-15.json": s0415,
  "iran-2025-04-18.json": s0418,
  "iran-2025-04-21.json": s0421,
  "iran-2025-04-30.json": s0430,
  "iran-2025-05-02.json": s0502,
  "iran-2025-06-12.json": s0612,
  "iran-2025-07-18.json": s0718,
  "iran-2025-08-29.json": s0829,
  "iran-2025-10-01.json": s1001,
};

export interface ExpectedEvent {
  item: string;
  type: string;
  kinds: string[];
}

const expected = JSON.parse(expectedText) as {
  steps: { file: string; ingest_at: string; events: ExpectedEvent[] }[];
};

export const iranSteps = expected.steps.map((s) => ({ ...s, document: files[s.file] }));

/** An event as the expected list writes it (clock kinds are left out of the comparison). */
export function asExpected(e: { item: { id: string }; type: string; kinds: string[] }): ExpectedEvent {
  return { item: e.item.id, type: e.type, kinds: e.kinds };
}

export const CLOCK_TYPES = new Set(["deadline.lapsed", "deadline.approaching", "meeting.starting_soon"]);

/** A stable order for comparing multisets of expected events. */
export function sorted(list: ExpectedEvent[]): string[] {
  return list.map((e) => `${e.item} ${e.type} ${e.kinds.join(",")}`).sort();
}
