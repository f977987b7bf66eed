import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json-pointer.ts';
import { AJV_OPTIONS, addOpenApiDocument, createAjv, toJsonSchema } from './openapi-schema.ts';

describe('toJsonSchema', () => {
  it.each([
    ['type with nullable', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    ['nullable: false', { type: 'string', nullable: false }, { type: 'string' }],
    ['enum with nullable', { type: 'string', enum: ['a', 'b'], nullable: true }, { type: ['string', 'null'], enum: ['a', 'b', null] }],
    [
      'enum that already holds null',
      { type: 'string', enum: ['a', null], nullable: true },
      { type: ['string', 'null'], enum: ['a', null] },
    ],
    ['enum without type', { enum: [1, 2], nullable: true }, { enum: [1, 2, null] }],
    ['type list', { type: ['string', 'integer'], nullable: true }, { type: ['string', 'integer', 'null'] }],
    [
      'nullable without type (allOf)',
      { allOf: [{ $ref: '#/components/schemas/Task' }], nullable: true, description: 'd' },
      { anyOf: [{ type: 'null' }, { allOf: [{ $ref: '#/components/schemas/Task' }], description: 'd' }] },
    ],
    [
      'OpenAPI-only keywords and extensions',
      {
        type: 'string',
        example: 'x',
        xml: { name: 'x' },
        externalDocs: { url: 'u' },
        deprecated: true,
        readOnly: true,
        writeOnly: false,
        'x-internal': 1,
      },
      { type: 'string' },
    ],
    ['discriminator', { oneOf: [{ type: 'object' }], discriminator: { propertyName: 'kind' } }, { oneOf: [{ type: 'object' }] }],
    ['exclusiveMinimum: true', { type: 'number', minimum: 1, exclusiveMinimum: true }, { type: 'number', exclusiveMinimum: 1 }],
    ['exclusiveMaximum: true', { type: 'number', exclusiveMaximum: true, maximum: 9 }, { type: 'number', exclusiveMaximum: 9 }],
    ['exclusiveMinimum: false', { type: 'number', minimum: 1, exclusiveMinimum: false }, { type: 'number', minimum: 1 }],
    [
      '$ref siblings (ignored by OpenAPI 3.0)',
      { $ref: '#/components/schemas/A', description: 'd', nullable: true },
      { $ref: '#/components/schemas/A' },
    ],
    [
      'x-error-message kept (the words of problem-messages.ts)',
      { type: 'string', pattern: '^a', 'x-error-message': 'must start with a, such as abc', 'x-other': 1 },
      { type: 'string', pattern: '^a', 'x-error-message': 'must start with a, such as abc' },
    ],
    [
      'JSON Schema keywords kept',
      { type: 'string', title: 't', description: 'd', default: 'a', pattern: '^a', format: 'date', minLength: 1 },
      { type: 'string', title: 't', description: 'd', default: 'a', pattern: '^a', format: 'date', minLength: 1 },
    ],
  ])('%s', (_name, input, expected) => {
    expect(toJsonSchema(input)).toEqual(expected);
  });

  it('converts at every depth: properties, items, additionalProperties, allOf/anyOf/oneOf/not', () => {
    const nullableString = { type: 'string', nullable: true, example: 'x' };
    const converted = { type: ['string', 'null'] };
    const input = {
      type: 'object',
      properties: { a: nullableString, list: { type: 'array', items: nullableString } },
      additionalProperties: nullableString,
      allOf: [nullableString],
      anyOf: [nullableString],
      oneOf: [nullableString],
      not: nullableString,
    };
    expect(toJsonSchema(input)).toEqual({
      type: 'object',
      properties: { a: converted, list: { type: 'array', items: converted } },
      additionalProperties: converted,
      allOf: [converted],
      anyOf: [converted],
      oneOf: [converted],
      not: converted,
    });
  });

  it('keeps boolean schemas and boolean additionalProperties', () => {
    expect(toJsonSchema(true)).toBe(true);
    expect(toJsonSchema({ type: 'object', additionalProperties: false })).toEqual({ type: 'object', additionalProperties: false });
  });

  it('does not touch its input', () => {
    const input = { type: 'object', properties: { a: { type: 'string', nullable: true, example: 'x' } } };
    const copy = structuredClone(input);
    toJsonSchema(input);
    expect(input).toEqual(copy);
  });

  it('puts refBase before local refs only', () => {
    const input = { type: 'array', items: { $ref: '#/components/schemas/Task' }, not: { $ref: 'other.yaml#/X' } };
    expect(toJsonSchema(input, { refBase: 'spec:a' })).toEqual({
      type: 'array',
      items: { $ref: 'spec:a#/components/schemas/Task' },
      not: { $ref: 'other.yaml#/X' },
    });
  });

  it('survives cyclic input (a dereferenced recursive schema)', () => {
    const node: JsonObject = { type: 'object', properties: {} };
    (node.properties as JsonObject).child = node;
    const out = toJsonSchema(node) as JsonObject;
    expect((out.properties as JsonObject).child).toBe(out);
  });

  it('rejects what is not a schema', () => {
    expect(() => toJsonSchema('string')).toThrow(TypeError);
  });
});

describe('createAjv', () => {
  it('validates converted schemas with OpenAPI formats', () => {
    const validate = createAjv().compile(
      toJsonSchema({
        type: 'object',
        required: ['when', 'email', 'count'],
        properties: {
          when: { type: 'string', format: 'date-time' },
          email: { type: 'string', format: 'email' },
          count: { type: 'integer', format: 'int32' },
          due: { type: 'string', format: 'date', nullable: true },
        },
      }),
    );
    expect(validate({ when: '2026-11-22T10:00:00Z', email: 'a@b.ch', count: 3, due: null })).toBe(true);
    expect(validate({ when: 'yesterday', email: 'nope', count: 2 ** 40, due: 'soon' })).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath).sort()).toEqual(['/count', '/due', '/email', '/when']);
  });

  it.each([
    ['an unknown keyword', { type: 'string', exampel: 'x' }, /unknown keyword/],
    ['an unknown format', { type: 'string', format: 'phone' }, /unknown format/],
    ['a keyword for another type', { type: 'string', minimum: 1 }, /strictTypes/],
    ['properties without type: object', { properties: { a: { type: 'string' } } }, /strictTypes/],
  ])('refuses %s (strict)', (_name, schema, message) => {
    expect(() => createAjv().compile(toJsonSchema(schema))).toThrow(message);
  });

  it('accepts required names declared elsewhere (strictRequired off)', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
    };
    expect(createAjv().compile(toJsonSchema(schema))({ b: 'x' })).toBe(true);
    expect(AJV_OPTIONS).toMatchObject({ strict: true, strictTypes: true, strictTuples: true, strictRequired: false, allErrors: true });
  });
});

describe('addOpenApiDocument', () => {
  const document = {
    openapi: '3.0.3',
    paths: {
      '/tasks/{id}': {
        get: {
          responses: {
            '200': { content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Task' } } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Task: {
          type: 'object',
          required: ['id'],
          properties: {
            id: { $ref: '#/components/schemas/Id' },
            parent: { allOf: [{ $ref: '#/components/schemas/Task' }], nullable: true },
          },
        },
        Id: { type: 'string', pattern: '^tsk_' },
      },
    },
  };

  it('resolves refs between the schemas of a document, recursion included', () => {
    const ajv = createAjv();
    addOpenApiDocument(ajv, document, 'spec:tasks');
    const validate = ajv.compile(toJsonSchema({ $ref: '#/components/schemas/Task' }, { refBase: 'spec:tasks' }));
    expect(validate({ id: 'tsk_1', parent: { id: 'tsk_0', parent: null } })).toBe(true);
    expect(validate({ id: 'tsk_1', parent: { id: 'x' } })).toBe(false);
  });

  it('serves any schema of the document by pointer, inline ones too', () => {
    const ajv = createAjv();
    addOpenApiDocument(ajv, document, 'spec:tasks');
    const validate = ajv.getSchema('spec:tasks#/paths/~1tasks~1%7Bid%7D/get/responses/200/content/application~1json/schema');
    expect(validate?.([{ id: 'tsk_1' }])).toBe(true);
    expect(validate?.([{ id: 1 }])).toBe(false);
  });

  it('takes several documents on one instance', () => {
    const ajv = createAjv();
    addOpenApiDocument(ajv, document, 'spec:one');
    addOpenApiDocument(ajv, document, 'spec:two');
    expect(ajv.getSchema('spec:two#/components/schemas/Id')?.('tsk_2')).toBe(true);
  });
});
