import { describe, expect, it } from 'vitest';
import {
  dereference,
  fieldOf,
  inlineRefs,
  invalidParameterValues,
  invalidPayloads,
  payloadSet,
  prng,
  replaceString,
  seedOf,
  validatorOf,
  validPayloads,
} from './generate.ts';

const document = {
  components: {
    schemas: {
      Id: { type: 'string', minLength: 1, maxLength: 8, pattern: '^[a-z0-9_]+$' },
      Priority: { type: 'string', enum: ['low', 'high'] },
      Task: {
        type: 'object',
        required: ['title'],
        additionalProperties: false,
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 20 },
          note: { type: 'string', nullable: true, maxLength: 30 },
          priority: { $ref: '#/components/schemas/Priority' },
          count: { type: 'integer', minimum: 1, maximum: 9 },
          done: { type: 'boolean' },
          when: { type: 'string', format: 'date' },
          ownerEmail: { type: 'string', format: 'email' },
          tags: { type: 'array', maxItems: 3, uniqueItems: true, items: { $ref: '#/components/schemas/Id' } },
          meta: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { $ref: '#/components/schemas/Id' } } },
        },
      },
      Loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/Loop' } } },
    },
  },
};
const task = dereference(document, { $ref: '#/components/schemas/Task' });

describe('prng and seedOf', () => {
  it('give the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, prng(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
    expect(seedOf('createTask')).toBe(seedOf('createTask'));
    expect(seedOf('createTask')).not.toBe(seedOf('updateTask'));
  });
});

describe('dereference', () => {
  it('inlines $refs and converts OpenAPI keywords to JSON Schema', () => {
    expect((task.properties as Record<string, unknown>).priority).toEqual({ type: 'string', enum: ['low', 'high'] });
    expect((task.properties as Record<string, unknown>).note).toEqual({ type: ['string', 'null'], maxLength: 30 });
  });

  it('refuses a $ref cycle and a dangling $ref', () => {
    expect(() => inlineRefs(document, { $ref: '#/components/schemas/Loop' })).toThrow(/cycle/);
    expect(() => inlineRefs(document, { $ref: '#/components/schemas/Nope' })).toThrow(/dangling/);
  });
});

describe('validPayloads', () => {
  it('draws payloads the schema accepts, the same for the same seed', () => {
    const first = validPayloads(task, { seed: 42, count: 6 });
    expect(first).toHaveLength(6);
    expect(first.every((payload) => validatorOf(task)(payload))).toBe(true);
    expect(validPayloads(task, { seed: 42, count: 6 })).toEqual(first);
    expect(validPayloads(task, { seed: 43, count: 6 })).not.toEqual(first);
  });

  it('starts with the required fields only, then every field, and keeps emails at example.com', () => {
    const [bare, full] = validPayloads(task, { seed: 1, count: 2 });
    expect(Object.keys(bare as object)).toEqual(['title']);
    expect(Object.keys(full as object).sort()).toEqual([
      'count',
      'done',
      'meta',
      'note',
      'ownerEmail',
      'priority',
      'tags',
      'title',
      'when',
    ]);
    expect((full as { ownerEmail: string }).ownerEmail).toMatch(/@example\.com$/);
  });
});

describe('invalidPayloads', () => {
  const base = {
    title: 'Demo',
    note: 'n',
    priority: 'low',
    count: 2,
    done: false,
    when: '2026-12-01',
    ownerEmail: 'a@example.com',
    tags: ['a1'],
    meta: { id: 'm1' },
  };
  const invalid = invalidPayloads(task, base);
  const labels = invalid.map((entry) => entry.label);

  it('breaks one rule per payload, each rejected by the schema at the field it names', () => {
    expect(invalid.length).toBeGreaterThan(25);
    for (const entry of invalid) expect(validatorOf(task)(entry.value), entry.label).toBe(false);
  });

  it('covers wrong types, missing required, extra properties, sizes, enums, patterns, formats, ranges and arrays', () => {
    expect(labels).toEqual(
      expect.arrayContaining([
        'title: missing (required)',
        'title: wrong type (number)',
        'title: wrong type (null)',
        'title: oversize (21 chars)',
        'title: too short (empty)',
        'priority: not one of the enum',
        'count: below minimum',
        'count: above maximum',
        'count: not an integer',
        'count: wrong type (string)',
        'done: wrong type (string)',
        'when: not a date',
        'tags: too many items (4)',
        'tags: duplicate items',
        'tags.0: pattern mismatch',
        'meta.id: missing (required)',
        'meta: extra property unexpectedField',
        'body: extra property unexpectedField',
        'body: a JSON array',
      ]),
    );
    // null is a valid note.
    expect(labels).not.toContain('note: wrong type (null)');
  });

  it('points at the field: nested, array items, extra properties, the body', () => {
    const pointerOf = (label: string) => invalid.find((entry) => entry.label === label)?.pointer;
    expect(pointerOf('meta.id: missing (required)')).toBe('/meta/id');
    expect(pointerOf('tags.0: pattern mismatch')).toBe('/tags/0');
    expect(pointerOf('meta: extra property unexpectedField')).toBe('/meta/unexpectedField');
    expect(pointerOf('body: a JSON number')).toBe('');
    expect(invalid.find((entry) => entry.label === 'meta.id: missing (required)')?.value).toEqual({ ...base, meta: {} });
    expect(fieldOf('/meta/id')).toBe('meta.id');
    expect(fieldOf('')).toBe('body');
  });

  it('payloadSet mutates the fullest valid payload', () => {
    const set = payloadSet(task, { seed: 5, count: 3 });
    expect(set.valid).toHaveLength(3);
    expect(set.invalid.map((entry) => entry.label)).toContain('meta.id: pattern mismatch');
  });
});

describe('invalidParameterValues', () => {
  it('lists values a server must refuse once it coerced the query string', () => {
    const page = invalidParameterValues({ type: 'integer', minimum: 1, maximum: 100 });
    expect(page).toEqual([
      { label: 'not a number', value: 'abc' },
      { label: 'below minimum', value: '0' },
      { label: 'above maximum', value: '101' },
      { label: 'not an integer', value: '1.5' },
    ]);
    expect(invalidParameterValues({ type: 'boolean' })).toEqual([{ label: 'not a boolean', value: 'maybe' }]);
    expect(invalidParameterValues({ type: 'string', enum: ['a', 'b'] })).toEqual([
      { label: 'not one of the enum', value: 'not-in-the-enum' },
    ]);
    expect(invalidParameterValues(dereference(document, { $ref: '#/components/schemas/Id' })).map((entry) => entry.label)).toEqual([
      'oversize (9 chars)',
      'pattern mismatch',
    ]);
  });
});

describe('replaceString', () => {
  it('replaces a string at a pointer in a copy, and leaves other shapes alone', () => {
    const root = { data: { attributes: { phoneNumber: '+1 555 0100' } } };
    expect(replaceString(root, '/data/attributes/phoneNumber', '+41780000001')).toEqual({
      data: { attributes: { phoneNumber: '+41780000001' } },
    });
    expect(root.data.attributes.phoneNumber).toBe('+1 555 0100');
    expect(replaceString({ data: { attributes: { phoneNumber: 12345 } } }, '/data/attributes/phoneNumber', 'x')).toEqual({
      data: { attributes: { phoneNumber: 12345 } },
    });
    expect(replaceString({ data: 'not-a-value' }, '/data/attributes/phoneNumber', 'x')).toEqual({ data: 'not-a-value' });
    expect(replaceString({ data: {} }, '/data/attributes/phoneNumber', 'x')).toEqual({ data: {} });
    expect(replaceString([], '/phone', 'x')).toEqual([]);
  });
});
