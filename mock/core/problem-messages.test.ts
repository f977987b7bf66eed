import { describe, expect, it } from 'vitest';
import { toProblems } from './compiled-spec.ts';
import { addOpenApiDocument, createAjv, toJsonSchema } from './openapi-schema.ts';

const PHONE = 'must be a phone number in international form: + and 7 to 15 digits, such as +41791234567';
const document = {
  components: {
    schemas: {
      Phone: { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$', 'x-error-message': PHONE },
      Form: {
        type: 'object',
        additionalProperties: false,
        required: ['phone'],
        properties: {
          phone: { $ref: '#/components/schemas/Phone' },
          email: { type: 'string', format: 'email', maxLength: 254 },
          when: { type: 'string', format: 'date-time' },
          due: { type: 'string', format: 'date', nullable: true },
          status: { type: 'string', enum: ['todo', 'in_progress', 'done'] },
          title: { type: 'string', minLength: 1, maxLength: 5 },
          count: { type: 'integer', minimum: 1, maximum: 100 },
          ids: { type: 'array', maxItems: 2, uniqueItems: true, items: { type: 'string' } },
          flag: { type: 'boolean' },
          unworded: { type: 'string', pattern: '^a' },
        },
      },
    },
  },
};

/** The problems of one value of the Form schema, as `field: message`. */
function problemsOf(value: unknown): string[] {
  const ajv = createAjv();
  addOpenApiDocument(ajv, document, 'spec:form');
  const validate = ajv.compile(toJsonSchema({ $ref: '#/components/schemas/Form' }, { refBase: 'spec:form' }));
  expect(validate(value)).toBe(false);
  return toProblems(validate.errors).map(({ field, message }) => `${field}: ${message}`);
}

describe('problem messages', () => {
  it("answers a schema's x-error-message for any failure of it, from behind a $ref", () => {
    expect(problemsOf({ phone: '0791234567' })).toEqual([`phone: ${PHONE}`]);
    expect(problemsOf({ phone: 41791234567 })).toEqual([`phone: ${PHONE}`]);
  });

  it.each([
    [{ email: 'nope' }, 'email: must be an email address, such as alice@example.com'],
    [{ when: 'yesterday' }, 'when: must be a date and time in RFC 3339, such as 2026-11-22T10:00:00Z'],
    [{ due: 'soon' }, 'due: must be a date as YYYY-MM-DD, such as 2026-12-01'],
    [{ due: 3 }, 'due: must be a string or null'],
    [{ status: 'later' }, 'status: must be one of: todo, in_progress, done'],
    [{ title: '' }, 'title: must not be empty'],
    [{ title: 'longer' }, 'title: must be at most 5 characters long'],
    [{ count: 0 }, 'count: must be at least 1'],
    [{ count: 101 }, 'count: must be at most 100'],
    [{ count: 1.5 }, 'count: must be a whole number'],
    [{ ids: ['a', 'b', 'c'] }, 'ids: must have at most 2 items'],
    [{ ids: ['a', 'a'] }, 'ids: must not hold the same item twice'],
    [{ flag: 'yes' }, 'flag: must be true or false'],
    [{ unworded: 'b' }, 'unworded: is not in the expected form'],
    [{ extra: 1 }, 'extra: is not allowed'],
  ])('words %j for people', (value, expected) => {
    expect(problemsOf({ phone: '+41791234567', ...value })).toEqual([expected]);
  });

  it('names a missing member, not the object, and says each problem once', () => {
    expect(problemsOf({})).toEqual(['phone: is required']);
    expect(problemsOf({ phone: '+41791234567', email: `${'a'.repeat(250)}@example.com` })).toEqual([
      'email: must be at most 254 characters long',
    ]);
  });

  it('never lets the validator speak: no "must match", "must NOT", "must be >=" or "must be equal"', () => {
    const all = problemsOf({
      phone: 'x',
      email: 'x',
      when: 'x',
      status: 'x',
      title: '',
      count: -1,
      ids: [1],
      flag: 1,
      unworded: 'x',
      y: 1,
    });
    expect(all.length).toBeGreaterThan(8);
    for (const problem of all) expect(problem).not.toMatch(/must match|must NOT|must be [<>]=?|must be equal|allowed values/);
  });
});
