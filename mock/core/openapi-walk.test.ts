import { describe, expect, it } from 'vitest';
import { listExampleSites, listOperations, listSchemaSites } from './openapi-walk.ts';

const schemaWithExample = (example: unknown) => ({ type: 'string', example });

const document = {
  openapi: '3.0.3',
  paths: {
    '/tasks/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'tsk_1' }],
      summary: 'not an operation',
      get: {
        parameters: [
          { $ref: '#/components/parameters/Page' },
          {
            name: 'sort',
            in: 'query',
            schema: { type: 'string' },
            examples: { newest: { value: '-createdAt' }, shared: { $ref: '#/components/examples/Sort' } },
          },
        ],
        responses: {
          '200': {
            description: 'ok',
            headers: { 'Retry-After': { schema: { type: 'integer' }, example: 30 } },
            content: {
              'application/json': { schema: { type: 'object', properties: { id: schemaWithExample('tsk_1') } }, example: { id: 'tsk_1' } },
            },
          },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
      put: {
        requestBody: {
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Task' },
              examples: { one: { value: { id: 'a' } }, external: { externalValue: 'x.json' } },
            },
          },
        },
        responses: { '204': { description: 'done' } },
      },
    },
  },
  components: {
    schemas: {
      Task: {
        type: 'object',
        properties: {
          tags: { type: 'array', items: schemaWithExample('t') },
          extra: { type: 'object', additionalProperties: schemaWithExample('e') },
        },
        allOf: [{ type: 'object', example: {} }],
        example: { id: 'x' },
      },
      Ref: { $ref: '#/components/schemas/Task' },
    },
    parameters: { Page: { name: 'page', in: 'query', schema: { type: 'integer', example: 1 } } },
    headers: { 'Request-Id': { schema: { type: 'string' }, examples: { one: { value: 'req_1' } } } },
    responses: { NotFound: { description: 'nf', content: { 'application/json': { example: { message: 'no schema here' } } } } },
    requestBodies: { Upload: { content: { 'multipart/form-data': { schema: { type: 'object' }, example: { file: 'bytes' } } } } },
    examples: { Sort: { value: 'title' } },
  },
};

describe('listOperations', () => {
  it('lists the operations of every path, skipping other Path Item keys', () => {
    expect(listOperations(document).map(({ method, path }) => `${method} ${path}`)).toEqual(['get /tasks/{id}', 'put /tasks/{id}']);
  });
});

describe('listSchemaSites', () => {
  it('finds the schemas written in parameters, headers, media types and components, once each', () => {
    expect(listSchemaSites(document).map((site) => site.pointer)).toEqual([
      '/paths/~1tasks~1{id}/parameters/0/schema',
      '/paths/~1tasks~1{id}/get/parameters/1/schema',
      '/paths/~1tasks~1{id}/get/responses/200/headers/Retry-After/schema',
      '/paths/~1tasks~1{id}/get/responses/200/content/application~1json/schema',
      '/paths/~1tasks~1{id}/put/requestBody/content/application~1json/schema',
      '/components/schemas/Task',
      '/components/schemas/Ref',
      '/components/parameters/Page/schema',
      '/components/headers/Request-Id/schema',
      '/components/requestBodies/Upload/content/multipart~1form-data/schema',
    ]);
  });
});

describe('listExampleSites', () => {
  const sites = listExampleSites(document);
  const byPointer = new Map(sites.map((site) => [site.pointer, site]));

  it.each([
    ['path parameter', '/paths/~1tasks~1{id}/parameters/0/example', 'tsk_1', '/paths/~1tasks~1{id}/parameters/0/schema'],
    [
      'parameter examples',
      '/paths/~1tasks~1{id}/get/parameters/1/examples/newest/value',
      '-createdAt',
      '/paths/~1tasks~1{id}/get/parameters/1/schema',
    ],
    [
      'a $ref to components/examples',
      '/paths/~1tasks~1{id}/get/parameters/1/examples/shared/value',
      'title',
      '/paths/~1tasks~1{id}/get/parameters/1/schema',
    ],
    [
      'response header',
      '/paths/~1tasks~1{id}/get/responses/200/headers/Retry-After/example',
      30,
      '/paths/~1tasks~1{id}/get/responses/200/headers/Retry-After/schema',
    ],
    [
      'response media type',
      '/paths/~1tasks~1{id}/get/responses/200/content/application~1json/example',
      { id: 'tsk_1' },
      '/paths/~1tasks~1{id}/get/responses/200/content/application~1json/schema',
    ],
    [
      'property of an inline schema',
      '/paths/~1tasks~1{id}/get/responses/200/content/application~1json/schema/properties/id/example',
      'tsk_1',
      '/paths/~1tasks~1{id}/get/responses/200/content/application~1json/schema/properties/id',
    ],
    [
      'request body examples',
      '/paths/~1tasks~1{id}/put/requestBody/content/application~1json/examples/one/value',
      { id: 'a' },
      '/paths/~1tasks~1{id}/put/requestBody/content/application~1json/schema',
    ],
    ['component schema', '/components/schemas/Task/example', { id: 'x' }, '/components/schemas/Task'],
    ['array items', '/components/schemas/Task/properties/tags/items/example', 't', '/components/schemas/Task/properties/tags/items'],
    [
      'additionalProperties',
      '/components/schemas/Task/properties/extra/additionalProperties/example',
      'e',
      '/components/schemas/Task/properties/extra/additionalProperties',
    ],
    ['allOf member', '/components/schemas/Task/allOf/0/example', {}, '/components/schemas/Task/allOf/0'],
    ['component parameter schema', '/components/parameters/Page/schema/example', 1, '/components/parameters/Page/schema'],
    ['component header examples', '/components/headers/Request-Id/examples/one/value', 'req_1', '/components/headers/Request-Id/schema'],
    [
      'multipart request body',
      '/components/requestBodies/Upload/content/multipart~1form-data/example',
      { file: 'bytes' },
      '/components/requestBodies/Upload/content/multipart~1form-data/schema',
    ],
  ])('finds the example of a %s', (_kind, pointer, value, schemaPointer) => {
    expect(byPointer.get(pointer)).toMatchObject({ value, schemaPointer });
  });

  it('leaves out external examples, examples without a schema, and refs where they are used', () => {
    expect(sites).toHaveLength(14);
    expect(sites.some((site) => site.pointer.includes('external') || site.pointer.includes('NotFound'))).toBe(false);
  });
});
