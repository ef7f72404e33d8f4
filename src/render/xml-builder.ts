/**
 * The one XMLBuilder the RSS and Atom renderers share, made once per isolate.
 *
 * Escaping: fast-xml-parser's own `processEntities` runs five regex replaces
 * per value and keeps control characters, which make XML ill-formed. It is
 * turned off; `escapeText` (drop XML-1.0-illegal characters, escape `& < >`)
 * runs for text nodes and `escapeXml` (the same, and `" '` too) for attribute
 * values, so every text node and attribute is escaped exactly once.
 * `suppressBooleanAttributes` is off so that an attribute whose value is the
 * string "true" keeps its value.
 */
import { XMLBuilder, type XmlBuilderOptions } from "fast-xml-parser";
import { escapeText, escapeXml } from "./xml-text.ts";

function processText(_name: string, value: unknown): string {
  return escapeText(typeof value === "string" ? value : String(value));
}

function processAttribute(_name: string, value: unknown): string {
  return escapeXml(typeof value === "string" ? value : String(value));
}

const options: XmlBuilderOptions & { jPath: false } = {
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  cdataPropName: "#cdata",
  suppressBooleanAttributes: false,
  suppressEmptyNode: true,
  processEntities: false,
  tagValueProcessor: processText,
  attributeValueProcessor: processAttribute,
  format: false,
  // Not in the typings, but read by fast-xml-builder: hand callbacks the path
  // matcher instead of building a path string for every node (~10% faster).
  jPath: false,
};

export const xmlBuilder = new XMLBuilder(options);

/** Put first in the object given to `xmlBuilder.build`: `<?xml version="1.0" encoding="UTF-8"?>`. */
export const XML_DECLARATION = { "@_version": "1.0", "@_encoding": "UTF-8" } as const;
