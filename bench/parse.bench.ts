/**
 * Ingest speed for a 1,000-item document: the XML path (decodeXml +
 * parseDocument, which validates every field) against rss-parser reading the
 * same RSS with the pu: fields as custom fields (which validates nothing), and
 * the JSON path (decodeJson + parseDocument) on its own.
 */
import Parser from "rss-parser";
import { SaxesParser } from "saxes";
import { decodeJson } from "../src/ingest/decode-json.ts";
import { parseDocument } from "../src/ingest/parse-document.ts";
import { decodeXml } from "../src/ingest/xml/decode-xml.ts";
import { compare } from "./compare.ts";
import { makeItems, toJsonDocument, toRssDocument } from "./fixtures.ts";

const PU_FIELDS = [
  "pu:kind",
  "pu:id",
  "pu:due",
  "pu:due-text",
  "pu:status",
  "pu:set-by",
  "pu:party",
  "pu:timezone",
  "pu:starts",
  "pu:ends",
  "pu:location",
  "pu:level",
  "pu:participant",
  "pu:outcome",
];

/** saxes reading the text as decodeXml has it read (well-formedness, namespaces, references), building nothing. */
function saxesAlone(text: string): void {
  const parser = new SaxesParser({ xmlns: true, position: false, defaultXMLVersion: "1.0", forceXMLVersion: true });
  parser.write(text).close();
}

export default async function () {
  const items = makeItems(1000);
  const rss = toRssDocument(items);
  const json = toJsonDocument(items);
  const options = { receivedAt: "2025-06-02T00:00:00Z" };

  // Both paths must agree before their speed means anything.
  const viaXml = parseDocument(decodeXml(rss), { ...options, defaultMode: "updates" });
  const viaJson = parseDocument(decodeJson(json), { ...options, defaultMode: "snapshot" });
  if (JSON.stringify(viaXml) !== JSON.stringify(viaJson) || viaXml.items.length !== 1000) {
    throw new Error("the RSS and JSON fixtures do not decode to the same document");
  }
  console.log(
    `fixtures: 1,000 items; RSS ${(rss.length / 1024).toFixed(0)} KiB, JSON ${(json.length / 1024).toFixed(0)} KiB`,
  );

  // biome-ignore lint/suspicious/noExplicitAny: rss-parser types custom fields as keys of its item type
  const peer = new Parser({ customFields: { item: PU_FIELDS as any } });

  await compare({
    title: "RSS, 1,000 items: decode + validate",
    ours: {
      name: "decodeXml + parseDocument",
      fn: () => parseDocument(decodeXml(rss), { ...options, defaultMode: "updates" }),
    },
    peer: { name: "rss-parser parseString", fn: () => peer.parseString(rss) },
    goal: "≥ 2× the peer",
  });

  await compare({
    title: "RSS, 1,000 items: decodeXml alone (saxes + tree + RSS mapping, no validation)",
    ours: { name: "decodeXml", fn: () => decodeXml(rss) },
  });

  // What the XML reader itself costs: saxes as decodeXml configures it, with
  // no handlers (no tree, no mapping, no validation). decodeXml's own work is
  // the difference between the two rows.
  await compare({
    title: "RSS, 1,000 items: saxes's read alone (the floor under decodeXml)",
    ours: { name: "saxes write + close", fn: () => saxesAlone(rss) },
    peer: { name: "rss-parser parseString", fn: () => peer.parseString(rss) },
  });

  await compare({
    title: "JSON, 1,000 items: decode + validate",
    ours: {
      name: "decodeJson + parseDocument",
      fn: () => parseDocument(decodeJson(json), { ...options, defaultMode: "snapshot" }),
    },
    goal: "< 10 ms per op",
  });
}
