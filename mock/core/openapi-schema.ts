import { Ajv, type Options } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { isJsonObject, setAtPointer, type JsonObject } from './json-pointer.ts';
import { listSchemaSites } from './openapi-walk.ts';

/** A JSON Schema (draft-07, as Ajv 8 compiles it by default). */
export type JsonSchema = JsonObject | boolean;

export interface ToJsonSchemaOptions {
  /**
   * Base URI put before local refs (`#/components/schemas/Task` becomes
   * `<refBase>#/components/schemas/Task`), so that a converted sub-schema compiled on its own still
   * finds the document it came from, registered in Ajv under that id (see `addOpenApiDocument`).
   */
  refBase?: string;
}

/**
 * The vendor extension that says, for people, what a schema expects (`must be a phone number in
 * international form: + and 7 to 15 digits, such as +41791234567`). An extension because Spectral
 * refuses ajv-errors' `errorMessage` in an OpenAPI 3.0 Schema Object. Kept through `toJsonSchema`
 * and declared to Ajv as an annotation; problem-messages.ts answers it for any failure of its schema.
 */
export const ERROR_MESSAGE_KEYWORD = 'x-error-message';

/** OpenAPI 3.0 keywords that are not JSON Schema validation keywords (annotations or tool hints). */
const DROPPED_KEYWORDS = new Set(['nullable', 'example', 'xml', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly', 'discriminator']);
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs'] as const;
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;
const SCHEMA_KEYWORDS = ['not', 'additionalProperties', 'additionalItems', 'propertyNames', 'contains', 'if', 'then', 'else'] as const;

/**
 * Converts an OpenAPI 3.0 Schema Object to JSON Schema, without touching the input:
 * - `nullable: true` lets null through: `type: X` becomes `type: [X, "null"]` and null joins any
 *   `enum`; without a `type` (e.g. beside `allOf`) the schema becomes `anyOf: [{type: "null"}, rest]`.
 *   That is what openapi-typescript generates (`X | null`), so validation and types agree.
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` (OpenAPI 3.0, draft-04 style) become numbers;
 * - `example`, `xml`, `externalDocs`, `deprecated`, `readOnly`, `writeOnly`, `discriminator`
 *   and `x-` extensions are dropped, but for `x-error-message` (ERROR_MESSAGE_KEYWORD);
 * - a `$ref` keeps no siblings (OpenAPI 3.0 ignores them);
 * recursively through properties, items, additionalProperties, allOf/anyOf/oneOf/not.
 */
export function toJsonSchema(schema: unknown, options: ToJsonSchemaOptions = {}): JsonSchema {
  return convert(schema, options, new WeakMap());
}

function convert(schema: unknown, options: ToJsonSchemaOptions, seen: WeakMap<object, JsonSchema>): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  if (!isJsonObject(schema)) throw new TypeError(`not a schema: ${JSON.stringify(schema)}`);
  const done = seen.get(schema);
  if (done !== undefined) return done;
  const out: JsonObject = {};
  seen.set(schema, out);
  if (typeof schema.$ref === 'string') {
    out.$ref = schema.$ref.startsWith('#') && options.refBase !== undefined ? `${options.refBase}${schema.$ref}` : schema.$ref;
    return out;
  }
  const sub = (value: unknown): JsonSchema => convert(value, options, seen);
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key) || (key.startsWith('x-') && key !== ERROR_MESSAGE_KEYWORD)) continue;
    if (isMember(SCHEMA_MAP_KEYWORDS, key) && isJsonObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, sub(property)]));
    } else if (isMember(SCHEMA_LIST_KEYWORDS, key) && Array.isArray(value)) {
      out[key] = value.map(sub);
    } else if (key === 'items') {
      out[key] = Array.isArray(value) ? value.map(sub) : sub(value);
    } else if (isMember(SCHEMA_KEYWORDS, key)) {
      out[key] = sub(value);
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      const bound = schema[key === 'exclusiveMinimum' ? 'minimum' : 'maximum'];
      if (value && typeof bound === 'number') out[key] = bound;
    } else {
      out[key] = value;
    }
  }
  if (out.exclusiveMinimum !== undefined && out.minimum === out.exclusiveMinimum) delete out.minimum;
  if (out.exclusiveMaximum !== undefined && out.maximum === out.exclusiveMaximum) delete out.maximum;
  if (schema.nullable === true) return makeNullable(out, schema, seen);
  return out;
}

function makeNullable(out: JsonObject, original: JsonObject, seen: WeakMap<object, JsonSchema>): JsonSchema {
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
  } else if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
  } else if (out.enum === undefined) {
    const wrapped: JsonObject = { anyOf: [{ type: 'null' }, out] };
    seen.set(original, wrapped);
    return wrapped;
  }
  return out;
}

function isMember<T extends string>(list: readonly T[], key: string): key is T {
  return (list as readonly string[]).includes(key);
}

/**
 * Ajv options for converted spec schemas. `strict: true` turns on every strict check; then:
 * - `strictRequired: false`: OpenAPI schemas legitimately list in `required` properties declared
 *   elsewhere (`allOf: [{$ref}, {required: [x]}]`, `oneOf: [{required: [a]}, {required: [b]}]`);
 * - `strictTypes: true`: a keyword that cannot apply (`minimum` on a string, `properties` with no
 *   `type: object` anywhere) is a spec mistake, so it fails to compile; the only unions it allows are
 *   with "null", which is all that `nullable` produces (OpenAPI 3.0 has no other union types);
 * - `strictTuples: true`: OpenAPI 3.0 has no tuple `items`, so it cannot trip.
 * Unknown keywords and unknown formats fail (strictSchema), which is why `toJsonSchema` strips the
 * OpenAPI-only keywords. Formats: all of ajv-formats (including OpenAPI's int32, int64, float,
 * double, byte, binary, password). `verbose` gives each error its `parentSchema`, where
 * problem-messages.ts finds the schema's `x-error-message` (it costs nothing until a value fails).
 */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictSchema: true,
  strictNumbers: true,
  strictTypes: true,
  strictTuples: true,
  strictRequired: false,
} as const satisfies Options;

// ajv-formats is CommonJS; under NodeNext its default import is typed as the module namespace.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

/** A new Ajv 8 instance with `AJV_OPTIONS` (and `extra` over them) and every ajv-formats format. */
export function createAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...extra });
  addFormats(ajv);
  ajv.addKeyword({ keyword: ERROR_MESSAGE_KEYWORD, schemaType: 'string' });
  return ajv;
}

/** Root keys of a registered document; declared to Ajv as annotations so strict mode accepts the root. */
const DOCUMENT_KEYWORDS = ['paths', 'components'] as const;

/**
 * Registers the converted schemas of an OpenAPI document in Ajv under `id`, each at its own JSON
 * pointer, so that `$ref`s between them resolve. Then compile any schema of that document with
 * `ajv.compile(toJsonSchema(schema, { refBase: id }))`, or get one by pointer with
 * `ajv.getSchema(`${id}#/components/schemas/Task`)`.
 */
export function addOpenApiDocument(ajv: Ajv, document: unknown, id: string, options: { componentsOnly?: boolean } = {}): void {
  for (const keyword of DOCUMENT_KEYWORDS) if (ajv.RULES.keywords[keyword] !== true) ajv.addKeyword(keyword);
  const registered: JsonObject = { $id: id };
  for (const site of listSchemaSites(document)) {
    // Every `$ref` of a spec points into components: a caller that compiles the other schemas
    // itself needs only those registered.
    if (options.componentsOnly && !site.pointer.startsWith('/components/')) continue;
    setAtPointer(registered, site.pointer, toJsonSchema(site.schema));
  }
  ajv.addSchema(registered);
}
