// Payloads generated from a spec's schemas for the negative suites: valid ones with
// json-schema-faker driven by a seeded PRNG (the same payloads every run), invalid ones by
// mutating a valid payload one rule at a time. Every payload is checked with the spec's strict
// Ajv before it is handed out, so a suite never blames a server for the generator's mistake.
import type { ValidateFunction } from 'ajv';
import { JSONSchemaFaker, type Schema } from 'json-schema-faker';
import { toProblems } from '../../mock/core/compiled-spec.ts';
import { fromPointer, getAtPointer, isJsonObject, toPointer, type JsonObject } from '../../mock/core/json-pointer.ts';
import { createAjv, toJsonSchema } from '../../mock/core/openapi-schema.ts';

/** A small seeded PRNG (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from a text (FNV-1a), so each operation gets its own fixed sequence. */
export function seedOf(text: string, base = 0): number {
  let hash = (0x811c9dc5 ^ base) >>> 0;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/** A copy of an OpenAPI node with every local `$ref` replaced by what it points to (a cycle throws). */
export function inlineRefs(document: unknown, node: unknown): unknown {
  const inline = (value: unknown, trail: readonly string[]): unknown => {
    if (Array.isArray(value)) return value.map((item) => inline(item, trail));
    if (!isJsonObject(value)) return value;
    if (typeof value.$ref === 'string') {
      if (!value.$ref.startsWith('#')) throw new Error(`only local $refs are supported: ${value.$ref}`);
      if (trail.includes(value.$ref)) throw new Error(`$ref cycle: ${[...trail, value.$ref].join(' -> ')}`);
      const target = getAtPointer(document, value.$ref);
      if (target === undefined) throw new Error(`dangling $ref ${value.$ref}`);
      return inline(target, [...trail, value.$ref]);
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inline(item, trail)]));
  };
  return inline(node, []);
}

/** An OpenAPI 3.0 Schema Object, its `$ref`s inlined, as JSON Schema (see toJsonSchema). */
export function dereference(document: unknown, schema: unknown): JsonObject {
  const converted = toJsonSchema(inlineRefs(document, schema));
  if (!isJsonObject(converted)) throw new Error('a boolean schema cannot describe a request body');
  return converted;
}

export interface InvalidPayload {
  /** What was broken, for test titles (`title: wrong type (number)`). */
  label: string;
  value: unknown;
  /** JSON pointer of the field at fault (`/data/attributes/phoneNumber`); '' for the body as a whole. */
  pointer: string;
}

/** The field name a Pocketm8 error names for a pointer: the dotted path, or `body`. */
export const fieldOf = (pointer: string): string => (pointer === '' ? 'body' : pointer.slice(1).split('/').join('.'));

export interface PayloadSet {
  valid: unknown[];
  invalid: InvalidPayload[];
}

export interface GenerateOptions {
  seed: number;
  /** How many valid payloads (the first has only the required fields, the second every field). */
  count: number;
  /** Draws per valid payload before giving up on schemas the faker cannot satisfy (look-aheads). */
  attempts?: number;
}

const ajv = createAjv();
const compiled = new WeakMap<object, ValidateFunction>();

/** The strict validator of a converted schema (compiled once per schema object). */
export function validatorOf(schema: JsonObject): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

let random: () => number = Math.random;
// Emails stay at example.com (reserved, RFC 2606): a generated payload must never mail a real person.
JSONSchemaFaker.format('email', () => `${JSONSchemaFaker.random.randexp('[a-z][a-z0-9]{2,11}')}@example.com`);

function fake(schema: JsonObject, mix: number): unknown {
  JSONSchemaFaker.option({
    random: () => random(),
    alwaysFakeOptionals: mix === 1,
    requiredOnly: mix === 0,
    optionalsProbability: mix >= 2 ? 0.5 : false,
    fillProperties: false,
    maxItems: 3,
    // The fullest payload has an item in every array, so items can be mutated too.
    minItems: mix === 1 ? 1 : 0,
    maxLength: 40,
    failOnInvalidFormat: true,
    minDateTime: '2020-01-01T00:00:00Z',
    maxDateTime: '2035-12-31T23:59:59Z',
  });
  return JSONSchemaFaker.generate(schema as Schema);
}

/** `count` payloads that satisfy the schema, the same for the same seed. */
export function validPayloads(schema: JsonObject, { seed, count, attempts = 50 }: GenerateOptions): unknown[] {
  const validate = validatorOf(schema);
  random = prng(seed);
  const out: unknown[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        // A mix that cannot satisfy the schema (only required fields, but minProperties) yields to the random one.
        const candidate = fake(schema, attempt < 5 ? index : 2);
        if (validate(candidate)) {
          out.push(candidate);
          break;
        }
      }
    }
  } finally {
    random = Math.random;
  }
  return out;
}

/** Values of other JSON types than the schema allows (null only where it is not allowed). */
function wrongTypes(schema: JsonObject): { label: string; value: unknown }[] {
  const types = new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
  const candidates: [string, unknown, string[]][] = [
    ['number', 12345, ['number', 'integer']],
    ['string', 'not-a-value', ['string']],
    ['boolean', true, ['boolean']],
    ['object', { unexpected: 1 }, ['object']],
    ['array', ['unexpected'], ['array']],
  ];
  const wrong = candidates.filter(([, , covers]) => !covers.some((type) => types.has(type)));
  // One value of another type (a number for strings, a string for the rest), then null.
  const first = wrong.find(([name]) => name === (types.has('string') ? 'number' : 'string')) ?? wrong[0];
  const out = first ? [{ label: `wrong type (${first[0]})`, value: first[1] }] : [];
  if (!types.has('null')) out.push({ label: 'wrong type (null)', value: null });
  return out;
}

/** Values that keep the type but break one constraint of a string, number or array schema. */
function brokenValues(schema: JsonObject, valid: unknown): { label: string; value: unknown }[] {
  const out: { label: string; value: unknown }[] = [];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('string')) {
    if (typeof schema.maxLength === 'number')
      out.push({ label: `oversize (${schema.maxLength + 1} chars)`, value: 'x'.repeat(schema.maxLength + 1) });
    if (typeof schema.minLength === 'number' && schema.minLength > 0) out.push({ label: 'too short (empty)', value: '' });
    if (Array.isArray(schema.enum)) out.push({ label: 'not one of the enum', value: 'not-in-the-enum' });
    if (typeof schema.pattern === 'string') out.push({ label: 'pattern mismatch', value: 'not valid !' });
    if (typeof schema.format === 'string') out.push({ label: `not a ${schema.format}`, value: `not-a-${schema.format}` });
  }
  if (types.includes('integer') || types.includes('number')) {
    if (typeof schema.minimum === 'number') out.push({ label: 'below minimum', value: schema.minimum - 1 });
    if (typeof schema.maximum === 'number') out.push({ label: 'above maximum', value: schema.maximum + 1 });
    if (typeof schema.exclusiveMinimum === 'number') out.push({ label: 'at exclusive minimum', value: schema.exclusiveMinimum });
    if (typeof schema.exclusiveMaximum === 'number') out.push({ label: 'at exclusive maximum', value: schema.exclusiveMaximum });
    if (types.includes('integer') && !types.includes('number')) out.push({ label: 'not an integer', value: 1.5 });
  }
  if (types.includes('array') && Array.isArray(valid)) {
    const item = valid[0];
    if (typeof schema.maxItems === 'number' && item !== undefined) {
      out.push({
        label: `too many items (${schema.maxItems + 1})`,
        value: Array.from({ length: schema.maxItems + 1 }, (_, index) =>
          typeof item === 'string' ? `${item.slice(0, 50)}${index}` : item,
        ),
      });
    }
    if (schema.uniqueItems === true && item !== undefined) out.push({ label: 'duplicate items', value: [item, item] });
    if (typeof schema.minItems === 'number' && schema.minItems > 0) out.push({ label: 'too few items', value: [] });
  }
  return out;
}

const EXTRA_PROPERTY = 'unexpectedField';

function without(object: JsonObject, name: string): JsonObject {
  const copy = { ...object };
  delete copy[name];
  return copy;
}

/** Walks the schema beside a valid value and lists one-rule-broken copies of the whole body. */
function mutations(schema: JsonObject, base: unknown, tokens: readonly string[], out: InvalidPayload[]): void {
  const at = (path: readonly string[]) => (path.length > 0 ? path.join('.') : 'body');
  const pointer = toPointer(tokens);
  if (tokens.length > 0) {
    for (const { label, value } of [...wrongTypes(schema), ...brokenValues(schema, base)]) {
      out.push({ label: `${at(tokens)}: ${label}`, value, pointer });
    }
  }
  if (isJsonObject(base) && isJsonObject(schema.properties)) {
    const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
    for (const [name, child] of Object.entries(schema.properties)) {
      const path = [...tokens, name];
      if (required.includes(name))
        out.push({ label: `${at(path)}: missing (required)`, value: without(base, name), pointer: toPointer(path) });
      if (name in base && isJsonObject(child)) {
        const nested: InvalidPayload[] = [];
        mutations(child, base[name], path, nested);
        for (const mutation of nested) out.push({ ...mutation, value: { ...base, [name]: mutation.value } });
      }
    }
    if (schema.additionalProperties === false) {
      out.push({
        label: `${at(tokens)}: extra property ${EXTRA_PROPERTY}`,
        value: { ...base, [EXTRA_PROPERTY]: 'x' },
        pointer: toPointer([...tokens, EXTRA_PROPERTY]),
      });
    }
    if (typeof schema.minProperties === 'number' && schema.minProperties > 0) {
      out.push({ label: `${at(tokens)}: no properties`, value: {}, pointer });
    }
  }
  if (Array.isArray(base) && base.length > 0 && isJsonObject(schema.items)) {
    const nested: InvalidPayload[] = [];
    mutations(schema.items, base[0], [...tokens, '0'], nested);
    for (const mutation of nested) out.push({ ...mutation, value: [mutation.value, ...base.slice(1)] });
  }
}

/** The top-level JSON values that are not an object (for schemas of objects). */
const NOT_OBJECTS: { label: string; value: unknown }[] = [
  { label: 'body: a JSON array', value: [] },
  { label: 'body: a JSON string', value: 'a string' },
  { label: 'body: a JSON number', value: 42 },
];

/**
 * Payloads that each break one rule of the schema: a wrong type (and null) for every property at
 * any depth, every required property missing, an extra property where additionalProperties is
 * false, oversize and empty strings, values outside an enum or pattern or format, numbers out of
 * range, arrays too long or with duplicates, and a body that is not an object at all. Each is
 * kept only if the strict validator rejects it and names the expected field, so the expectation
 * is the spec's, not the generator's.
 */
export function invalidPayloads(schema: JsonObject, base: unknown): InvalidPayload[] {
  const validate = validatorOf(schema);
  const candidates: InvalidPayload[] = [];
  mutations(schema, base, [], candidates);
  if (schema.type === 'object') candidates.push(...NOT_OBJECTS.map((entry) => ({ ...entry, pointer: '' })));
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = `${candidate.pointer} ${JSON.stringify(candidate.value)}`;
    if (seen.has(key) || validate(candidate.value)) return false;
    seen.add(key);
    return toProblems(validate.errors).some((problem) => problem.pointer === candidate.pointer);
  });
}

/** Valid payloads and the invalid ones mutated from the fullest of them. */
export function payloadSet(schema: JsonObject, options: GenerateOptions): PayloadSet {
  const valid = validPayloads(schema, options);
  // The second payload is drawn with every optional field (and an item in every array).
  const fullest = valid[1] ?? valid[0];
  return { valid, invalid: fullest === undefined ? [] : invalidPayloads(schema, fullest) };
}

/**
 * A copy of `root` with the string at `pointer` replaced by `value`; `root` itself when no string
 * is there (the field is missing, or a mutation put another type there).
 */
export function replaceString(root: unknown, pointer: string, value: string): unknown {
  const tokens = fromPointer(pointer);
  const swap = (node: unknown, rest: readonly string[]): unknown => {
    const [head, ...tail] = rest;
    if (head === undefined) return typeof node === 'string' ? value : node;
    if (!isJsonObject(node) || !(head in node)) return node;
    return { ...node, [head]: swap(node[head], tail) };
  };
  return tokens.length === 0 ? root : swap(root, tokens);
}

/** A query or path value that breaks its parameter schema (as it travels: a string). */
export interface InvalidParameter {
  label: string;
  value: string;
}

/**
 * String values that a parameter's schema rejects once coerced as servers do (`"0"` is the
 * integer 0): non-numbers, out-of-range and fractional numbers, unknown enum values, booleans
 * that are neither, oversize strings and pattern mismatches. Empty values are left out (an empty
 * path segment is another route, an empty query value means "not given").
 */
export function invalidParameterValues(schema: JsonObject): InvalidParameter[] {
  const validate = validatorOf(schema);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const out: InvalidParameter[] = [];
  if (types.includes('integer') || types.includes('number')) {
    out.push({ label: 'not a number', value: 'abc' });
    for (const { label, value } of brokenValues(schema, undefined)) out.push({ label, value: String(value) });
  } else if (types.includes('boolean')) {
    out.push({ label: 'not a boolean', value: 'maybe' });
  } else {
    for (const { label, value } of brokenValues(schema, undefined)) if (value !== '') out.push({ label, value: String(value) });
  }
  const coerce = (value: string): unknown => {
    if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
    if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
    return value;
  };
  return out.filter(({ value }) => !validate(coerce(value)));
}
