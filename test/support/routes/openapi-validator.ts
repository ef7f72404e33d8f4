/**
 * Loopback route `POST /openapi-validator`: validates the posted OpenAPI
 * document with @readme/openapi-parser (in Node: it compiles JSON Schemas
 * with ajv, which generates code — workerd forbids that) and answers
 * `{ valid, errors, warnings }`, the errors compiled to readable text.
 */
import { compileErrors, validate } from "@readme/openapi-parser";
import type { RouteHandler } from "../global-setup.ts";

export const openapiValidator: RouteHandler = async (_req, res, body) => {
  const document = JSON.parse(body.toString("utf8"));
  const result = await validate(document);
  const answer = {
    valid: result.valid,
    errors: result.valid ? "" : compileErrors(result),
    warnings: result.warnings,
  };
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
};
