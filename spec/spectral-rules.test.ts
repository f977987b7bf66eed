import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintWithSpectral, type SpectralFinding } from './lib/spectral-lint.ts';

const json = (schema: object, example?: unknown) => ({ 'application/json': { schema, ...(example === undefined ? {} : { example }) } });
const errorRef = { $ref: '#/components/schemas/Error' };

/** One document with a case for every project rule: the `bad*` places must be reported, the rest not. */
const fixture = {
  openapi: '3.0.3',
  info: { title: 'rules fixture', version: '1.0.0' },
  tags: [{ name: 'T' }],
  paths: {
    '/good': {
      get: {
        operationId: 'good',
        tags: ['T'],
        responses: {
          '200': { description: 'schema example', content: json({ $ref: '#/components/schemas/Thing' }) },
          '404': { $ref: '#/components/responses/NotFound' },
          '422': {
            description: 'examples',
            content: { 'application/json': { schema: errorRef, examples: { one: { value: { message: 'X' } } } } },
          },
          '502': { description: 'an HTML page', content: { 'text/html': { schema: { type: 'string' }, example: '<p>gone</p>' } } },
          '503': {
            description: 'JSON:API',
            content: { 'application/vnd.api+json': { schema: { $ref: '#/components/schemas/Errors' }, example: { errors: [] } } },
          },
        },
      },
      post: {
        operationId: 'goodPost',
        tags: ['T'],
        requestBody: { content: json({ type: 'object', example: {} }) },
        responses: { '204': { description: 'no body' } },
      },
    },
    '/bad': {
      get: {
        responses: {
          '200': { description: 'no example', content: json({ type: 'object' }) },
          '400': { description: 'inline error schema', content: json({ type: 'object' }, {}) },
          '409': { $ref: '#/components/responses/BadError' },
          '415': {
            description: 'JSON:API with the plain schema',
            content: { 'application/vnd.api+json': { schema: errorRef, example: { message: 'X' } } },
          },
          '5XX': {
            description: 'another JSON type',
            content: { 'application/problem+json': { schema: errorRef, example: { message: 'X' } } },
          },
        },
      },
      post: {
        operationId: 'badPost',
        tags: ['T'],
        requestBody: { content: json({ type: 'object' }) },
        responses: { '204': { description: 'no body' } },
      },
    },
  },
  components: {
    schemas: {
      Error: { type: 'object', properties: { message: { type: 'string' } }, example: { message: 'X' } },
      Errors: { type: 'object', properties: { errors: { type: 'array', items: { type: 'object' } } }, example: { errors: [] } },
      Thing: { type: 'object', example: {} },
      Worded: { type: 'string', pattern: '^a', 'x-error-message': 'must start with a, such as abc', example: 'abc' },
      Unworded: { type: 'string', pattern: '^a', example: 'abc' },
    },
    responses: {
      NotFound: { description: 'not found', content: json(errorRef, { message: 'NOT_FOUND' }) },
      BadError: { description: 'error with its own schema', content: json({ allOf: [errorRef] }, { message: 'X' }) },
    },
  },
};

const PROJECT_RULES = [
  'operation-operationId',
  'operation-tags',
  'error-response-uses-error-schema',
  'response-has-example',
  'request-body-has-example',
  'pattern-has-error-message',
];

describe('spec/.spectral.yaml project rules', () => {
  let folder: string;
  let findings: SpectralFinding[];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'spectral-rules-'));
    const file = join(folder, 'fixture.json');
    await writeFile(file, JSON.stringify(fixture, null, 2));
    findings = await lintWithSpectral(file);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reports exactly the broken places, each where it is written', () => {
    const reported = findings
      .filter((finding) => PROJECT_RULES.includes(finding.code))
      .map((finding) => `${finding.code} ${finding.path.join(' ')}`)
      .sort();
    expect(reported).toEqual(
      [
        'operation-operationId paths /bad get',
        'operation-tags paths /bad get',
        'response-has-example paths /bad get responses 200 content application/json',
        'error-response-uses-error-schema paths /bad get responses 400 content application/json schema',
        'error-response-uses-error-schema components responses BadError content application/json schema',
        'error-response-uses-error-schema paths /bad get responses 415 content application/vnd.api+json schema',
        'error-response-uses-error-schema paths /bad get responses 5XX content application/problem+json',
        'request-body-has-example paths /bad post requestBody content application/json',
        'pattern-has-error-message components schemas Unworded',
      ].sort(),
    );
  });

  it('makes every project rule an error', () => {
    const severities = new Set(findings.filter((finding) => PROJECT_RULES.includes(finding.code)).map((finding) => finding.severity));
    expect([...severities]).toEqual([0]);
  });

  it('explains what to do', () => {
    const messages = findings.filter((finding) => finding.code === 'error-response-uses-error-schema').map((finding) => finding.message);
    expect(messages).toContain(
      "Error response 400 (application/json) must have schema {$ref: '#/components/schemas/Error'}, the API's error schema.",
    );
    expect(messages).toContain(
      "Error response 415 (application/vnd.api+json) must have schema {$ref: '#/components/schemas/Errors'}, the API's error schema.",
    );
  });
});
