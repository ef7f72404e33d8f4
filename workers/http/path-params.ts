/** Path segments a public read names (source, item kind, item id), checked before any storage is asked. */
import { ITEM_KINDS } from "../../src/model/item.ts";
import { SOURCE_ID } from "../../src/sources/source-config.ts";

/** Item ids are bounded by the update-feed spec's id rule; a longer segment names nothing. */
const MAX_ID_CHARS = 200;

export function isItemPath(source: string, kind: string, id: string): boolean {
  return (
    SOURCE_ID.test(source) &&
    (ITEM_KINDS as readonly string[]).includes(kind) &&
    id.length > 0 &&
    id.length <= MAX_ID_CHARS
  );
}
