import type { Item } from "./item.ts";

export type DocumentMode = "snapshot" | "updates";

/** A validated, normalized update document (either encoding). */
export interface UpdateDocument {
  version: "1";
  mode: DocumentMode;
  /** RFC 3339 UTC, when the source produced the document. */
  generated_at?: string;
  title?: string;
  link?: string;
  /**
   * The items in document order. `updated_at` is filled from the item, else the
   * document's generated_at, else the time of receipt.
   */
  items: Item[];
}
