import { DocumentError } from "../../src/ingest/errors.ts";

/** The DocumentError `fn` throws; fails the test when it throws nothing or something else. */
export function rejection(fn: () => unknown): DocumentError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DocumentError) return err;
    throw err;
  }
  throw new Error("expected a DocumentError, but nothing was thrown");
}
