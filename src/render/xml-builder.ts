/**
 * The one XMLBuilder the RSS and Atom renderers share, made once per isolate.
 *
 * Escaping: fast-xml-parser's own `processEntities` runs five regex replaces
 * per value and keeps control characters, which make XML ill-formed. It is
 * turned off, and `escapeXml` (drop XML-1.0-illegal characters, escape
 * `& < > " '` in one pass) runs as the tag and attribute value processor
 * instead, so every text node and attribute is escaped exactly once.
 * `suppressBooleanAttributes` is off so that an attribute whose value is the
 * string "true" keeps its value.
 */
import { XMLBuilder, type XmlBuilderOptions } from "fast-xml-parser";
import { escapeXml } from "./xml-text.ts";

function processValue(_name: string, value: unknown): string {
  return escapeXml(typeof value === "string" ? value : String(value));
}

const options: XmlBuilderOptions & { jPath: false } = {
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  suppressBooleanAttributes: false,
  suppressEmptyNode: true,
  processEntities: false,
  tagValueProcessor: processValue,
  attributeValueProcessor: processValue,
  format: false,
  // Not in the typings, but read by fast-xml-builder: hand callbacks the path
  // matcher instead of building a path string for every node (~10% faster).
  jPath: false,
};

export const xmlBuilder = new XMLBuilder(options);

/** Put first in the object given to `xmlBuilder.build`: `<?xml version="1.0" encoding="UTF-8"?>`. */
export const XML_DECLARATION = { "@_version": "1.0", "@_encoding": "UTF-8" } as const;
