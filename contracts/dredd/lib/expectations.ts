import { getAtPointer, isJsonObject, type JsonObject } from '../../../mock/core/json-pointer.ts';
import { toJsonSchema } from '../../../mock/core/openapi-schema.ts';
import type { DreddTransaction } from './transaction.ts';

/** Formats the Ajv 6 inside Dredd's validator (gavel) knows; it refuses to compile a schema with any other. */
const GAVEL_FORMATS = new Set([
  'date',
  'time',
  'date-time',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
]);

function deref(document: JsonObject, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isJsonObject(current) && typeof current.$ref === 'string'; hops += 1) {
    if (hops > 10) throw new Error(`$ref loop at ${current.$ref}`);
    current = getAtPointer(document, current.$ref);
  }
  return current;
}

/** The schema with every `$ref` replaced by its target (gavel gets one self-contained schema). */
function inline(document: JsonObject, node: unknown, trail: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(document, item, trail));
  if (!isJsonObject(node)) return node;
  if (typeof node.$ref === 'string') {
    if (trail.includes(node.$ref)) throw new Error(`recursive schema at ${node.$ref}: gavel needs a finite one`);
    return inline(document, getAtPointer(document, node.$ref), [...trail, node.$ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(document, value, trail)]));
}

function withoutUnknownFormats(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutUnknownFormats);
  if (!isJsonObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== 'format' || typeof value !== 'string' || GAVEL_FORMATS.has(value))
      .map(([key, value]) => [key, withoutUnknownFormats(value)]),
  );
}

/** The Response Object the transaction expects, from the spec Dredd read. */
export function responseOf(document: JsonObject, transaction: DreddTransaction): JsonObject | undefined {
  const paths = isJsonObject(document.paths) ? document.paths : {};
  const item = deref(document, paths[transaction.origin.resourceName]);
  const operation = isJsonObject(item) ? item[transaction.request.method.toLowerCase()] : undefined;
  const responses = isJsonObject(operation) && isJsonObject(operation.responses) ? operation.responses : {};
  const response = deref(document, responses[transaction.expected.statusCode]);
  return isJsonObject(response) ? response : undefined;
}

/**
 * Gives gavel the response's schema from the spec (draft-07, `$ref`s inlined). Dredd 14's
 * OpenAPI 3 parser passes only the example, and gavel then requires every key of the example,
 * even those the schema makes optional or conditional; with `bodySchema` set, gavel validates
 * the body against the schema instead (required, types, enums, patterns, additionalProperties).
 */
export function expectSchema(document: JsonObject, transaction: DreddTransaction): void {
  const response = responseOf(document, transaction);
  const expectedType = Object.entries(transaction.expected.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const content = response && isJsonObject(response.content) ? response.content : {};
  const media = expectedType === undefined ? undefined : deref(document, content[expectedType]);
  if (!isJsonObject(media) || media.schema === undefined) return;
  const schema = withoutUnknownFormats(toJsonSchema(inline(document, media.schema)));
  transaction.expected.bodySchema = { $schema: 'http://json-schema.org/draft-07/schema#', ...(isJsonObject(schema) ? schema : {}) };
}

/**
 * Brings Dredd's header expectations in line with OpenAPI 3 once the response is in:
 * - Dredd wants the Content-Type to equal the documented media type to the letter; a
 *   `charset=utf-8` parameter on a JSON type says nothing new (JSON is UTF-8), so it is accepted;
 * - Dredd wants every documented response header, but OpenAPI 3 headers are optional unless
 *   `required: true` (Deprecation outside UpdateUserPhone, Retry-After with TOO_MANY_ATTEMPTS):
 *   an optional header that did not come is not expected; required ones stay checked.
 */
export function alignHeaders(document: JsonObject, transaction: DreddTransaction): void {
  const real = transaction.real;
  if (!real) return;
  const realHeaders = new Map(Object.entries(real.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const response = responseOf(document, transaction);
  const documented = response && isJsonObject(response.headers) ? response.headers : {};
  for (const name of Object.keys(transaction.expected.headers)) {
    const lower = name.toLowerCase();
    const value = realHeaders.get(lower);
    if (lower === 'content-type') {
      const [type = '', ...parameters] = (value ?? '').split(';').map((part) => part.trim().toLowerCase());
      const onlyUtf8 = parameters.length > 0 && parameters.every((parameter) => parameter.replace(/\s/g, '') === 'charset=utf-8');
      if (value !== undefined && onlyUtf8 && type === transaction.expected.headers[name]?.toLowerCase())
        transaction.expected.headers[name] = value;
      continue;
    }
    const entry = Object.entries(documented).find(([documentedName]) => documentedName.toLowerCase() === lower)?.[1];
    const header = deref(document, entry);
    const required = isJsonObject(header) && header.required === true;
    if (value === undefined && !required) delete transaction.expected.headers[name];
  }
}
