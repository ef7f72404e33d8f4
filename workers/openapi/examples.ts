/** Examples for the OpenAPI document, taken from examples/ (the shared example documents). */
import talks0418 from "../../examples/talks-2025-04-18.json";

/** An update document as a source pushes it (examples/talks-2025-04-18.json). */
export const INGEST_EXAMPLE = talks0418;

/** A source PUT for the tracker that publishes that document. */
export const SOURCE_PUT_EXAMPLE = {
  title: talks0418.title,
  url: `${talks0418.link}/updates.json`,
  format: "json",
  interval_minutes: 15,
  baseline: "silent",
};
