import type { ErrorObject } from 'ajv';
import { ERROR_MESSAGE_KEYWORD } from './openapi-schema.ts';

/** Formats in words, each with an example. */
const FORMATS: Readonly<Record<string, string>> = {
  email: 'an email address, such as alice@example.com',
  date: 'a date as YYYY-MM-DD, such as 2026-12-01',
  'date-time': 'a date and time in RFC 3339, such as 2026-11-22T10:00:00Z',
  uri: 'an absolute URL, such as https://example.com/page',
};

const TYPES: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

const COMPARISON: Readonly<Record<string, string>> = { '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than' };

const count = (n: unknown, noun: string) => `${String(n)} ${noun}${n === 1 ? '' : 's'}`;
const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const typeWords = (type: unknown) => (Array.isArray(type) ? type : [type]).map((name) => TYPES[String(name)] ?? String(name)).join(' or ');

/** The words for each keyword a request can fail, from Ajv's params (never Ajv's own message). */
const BY_KEYWORD: Readonly<Record<string, (params: Record<string, unknown>) => string>> = {
  required: () => 'is required',
  additionalProperties: () => 'is not allowed',
  type: ({ type }) => `must be ${typeWords(type)}`,
  format: ({ format }) => `must be ${FORMATS[String(format)] ?? `a valid ${String(format)}`}`,
  pattern: () => 'is not in the expected form',
  enum: ({ allowedValues }) => `must be one of: ${(allowedValues as unknown[]).map(shown).join(', ')}`,
  const: ({ allowedValue }) => `must be ${shown(allowedValue)}`,
  minLength: ({ limit }) => (limit === 1 ? 'must not be empty' : `must be at least ${count(limit, 'character')} long`),
  maxLength: ({ limit }) => `must be at most ${count(limit, 'character')} long`,
  minimum: ({ comparison, limit }) => `must be ${COMPARISON[String(comparison)] ?? 'at least'} ${String(limit)}`,
  maximum: ({ comparison, limit }) => `must be ${COMPARISON[String(comparison)] ?? 'at most'} ${String(limit)}`,
  exclusiveMinimum: ({ limit }) => `must be more than ${String(limit)}`,
  exclusiveMaximum: ({ limit }) => `must be less than ${String(limit)}`,
  multipleOf: ({ multipleOf }) => `must be a multiple of ${String(multipleOf)}`,
  minItems: ({ limit }) => `must have at least ${count(limit, 'item')}`,
  maxItems: ({ limit }) => `must have at most ${count(limit, 'item')}`,
  uniqueItems: () => 'must not hold the same item twice',
  minProperties: ({ limit }) => `must have at least ${count(limit, 'field')}`,
  maxProperties: ({ limit }) => `must have at most ${count(limit, 'field')}`,
  anyOf: () => 'does not match any of the allowed forms',
  oneOf: ({ passingSchemas }) =>
    passingSchemas ? 'matches more than one of the allowed forms' : 'does not match any of the allowed forms',
};

/** Keywords about a member of an object, not the object itself: its x-error-message does not speak for them. */
const MEMBER_KEYWORDS = new Set(['required', 'additionalProperties']);

/**
 * What one failed schema keyword means, in words a client may be shown: the schema's own
 * `x-error-message` (what is expected, with an example, written in the spec) where it has one,
 * else a sentence made from the keyword and its parameters. Ajv's own text (`must match pattern
 * "^\+[1-9]…"`) never comes out. Needs Ajv's `verbose` option (AJV_OPTIONS) for `parentSchema`.
 */
export function problemMessage(error: ErrorObject): string {
  const parent: unknown = error.parentSchema;
  const worded = typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>)[ERROR_MESSAGE_KEYWORD] : undefined;
  if (typeof worded === 'string' && !MEMBER_KEYWORDS.has(error.keyword)) return worded;
  return BY_KEYWORD[error.keyword]?.(error.params) ?? 'is not valid';
}
