/**
 * Checks responses against the committed OpenAPI document (openapi.json, what ships): the status must be documented
 * for the route, and the body must validate (ajv, JSON Schema 2020-12) against the schema documented for it.
 * The handler tests wrap their handlers with {@link conforming}, and the bundle runner checks every result, so
 * every response the tests produce is checked.
 */
import * as fs from 'node:fs';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import { OPENAPI_FILE } from '../../generators/openapi-file';

const URN = 'urn:order-api:schema:';
const REF_PREFIX = '#/components/schemas/';

export const OPENAPI = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8'));

/** Rewrites the document's component refs to ids ajv can resolve across the registered schemas. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) =>
    [k, k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX) ? URN + v.slice(REF_PREFIX.length) : rewriteRefs(v)]));
}

function compileAll(): Ajv2020 {
  // strict: an unknown keyword or a type mismatch in the document is itself an error here.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // RFC 3339 date-time, the form toISOString writes and the document promises.
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
  for (const [name, schema] of Object.entries(OPENAPI.components.schemas as Record<string, object>)) {
    ajv.addSchema(rewriteRefs(schema) as object, URN + name);
  }
  return ajv;
}

const ajv = compileAll();

export function schemaValidator(name: string): ValidateFunction {
  const v = ajv.getSchema(URN + name);
  if (!v) throw new Error(`openapi.json has no component schema ${name}`);
  return v;
}

interface HttpResult { readonly statusCode?: number; readonly headers?: Record<string, unknown>; readonly body?: string }

/** Throws, naming the route, status and schema errors, unless `result` is a documented response of `routeKey`. */
export function assertConformsToOpenApi(routeKey: string, result: HttpResult): void {
  const [method, path] = routeKey.split(' ');
  const operation = OPENAPI.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`openapi.json does not describe route ${routeKey}`);
  const documented = operation.responses[String(result.statusCode)];
  if (!documented) throw new Error(`openapi.json does not document status ${result.statusCode} for ${routeKey}`);
  const contentType = String(result.headers?.['content-type'] ?? '');
  const media = documented.content?.[contentType];
  if (!media) throw new Error(`${routeKey} ${result.statusCode}: content-type "${contentType}" is not documented`);
  const ref: string = media.schema.$ref;
  const validate = schemaValidator(ref.slice(REF_PREFIX.length));
  const body = JSON.parse(result.body ?? '');
  if (!validate(body)) {
    throw new Error(`${routeKey} ${result.statusCode} does not conform to ${ref}: ${ajv.errorsText(validate.errors)}\n` +
      `body: ${(result.body ?? '').slice(0, 500)}`);
  }
}

/** The handler, checking each response it gives against the document for the event's route. */
export function conforming<E extends { routeKey: string }, C, R extends HttpResult>(
  handler: (event: E, context: C) => Promise<R>,
): (event: E, context: C) => Promise<R> {
  return async (event, context) => {
    const result = await handler(event, context);
    assertConformsToOpenApi(event.routeKey, result);
    return result;
  };
}
