/**
 * Warnings of Dredd's OpenAPI 3 parser (@apielements/openapi3-parser 0.16) that our specs cannot
 * avoid and that drop nothing Dredd needs to build a transaction. Every other warning or error
 * fails spec/specs.test.ts. Each entry says why it is harmless.
 */
export interface ToleratedDreddWarning {
  pattern: RegExp;
  reason: string;
}

/** `'<Object>' contains unsupported key '<key>'` (or `invalid key`). */
const ignoredKeys = (object: string, keys: readonly string[], kind = 'unsupported'): RegExp =>
  new RegExp(`^'${object}' contains ${kind} key '(${keys.join('|')})'$`);

const SCHEMA_KEYWORDS = [
  'allOf',
  'anyOf',
  'not',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'format',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'discriminator',
  'readOnly',
  'writeOnly',
  'xml',
  'externalDocs',
  'deprecated',
  '\\$ref',
  'properties',
  'items',
  'required',
  'nullable',
  'default',
  'oneOf',
  'additionalProperties',
] as const;

export const TOLERATED_DREDD_WARNINGS: readonly ToleratedDreddWarning[] = [
  {
    pattern: ignoredKeys('(OpenAPI|Operation) Object', ['tags', 'externalDocs', 'deprecated']),
    reason: 'documentation only; Dredd does not use it',
  },
  {
    pattern: ignoredKeys('Schema Object', SCHEMA_KEYWORDS),
    reason: 'Dredd checks bodies against a looser schema without these keywords; the ajv-based contract suites check them strictly',
  },
  {
    pattern: ignoredKeys('Schema Object', ['additionalProperties'], 'invalid'),
    reason: 'valid OpenAPI 3.0 that the parser does not know; Dredd ignores it as above',
  },
  {
    pattern: ignoredKeys('Schema Object', ['x-error-message'], 'invalid'),
    reason:
      "a vendor extension (valid OpenAPI 3.0) that this parser does not know; it words the mock's validation messages and validates nothing",
  },
  {
    pattern: ignoredKeys('Request Body Object', ['required']),
    reason: 'Dredd sends the example body whether or not it is required',
  },
  {
    pattern: ignoredKeys('Response Object', ['links']),
    reason: 'documentation only',
  },
  {
    pattern: ignoredKeys('Header Object', [
      'description',
      'required',
      'deprecated',
      'allowEmptyValue',
      'style',
      'explode',
      'allowReserved',
      'schema',
      'content',
      'example',
      'examples',
    ]),
    reason: 'Dredd does not check OpenAPI 3 response headers at all; the contract suites check Location and Retry-After',
  },
  {
    pattern: ignoredKeys('Parameter Object', ['deprecated', 'allowEmptyValue', 'style', 'explode', 'allowReserved', 'examples']),
    reason: 'a parameter left without a value is omitted when optional, and is a Dredd error (which fails the test) when required',
  },
  {
    pattern: ignoredKeys('Security Scheme Object', ['bearerFormat', 'openIdConnectUrl']),
    reason: 'documentation only; the Dredd hooks supply the token',
  },
  {
    pattern: ignoredKeys('Example Object', ['summary', 'description']),
    reason: 'documentation only; the value is kept',
  },
  {
    pattern: /^'Media Type Object' 'examples' only one example is supported, other examples have been ignored$/,
    reason: 'Dredd sends and compares the first example; the others stay documented and are validated by the example test',
  },
  {
    pattern: /^'Media Type Object' 'example' is not supported for media type 'multipart\/form-data'$/,
    reason: 'Dredd cannot build multipart bodies from OpenAPI 3; the Dredd hooks build them (the example stays for docs and Prism)',
  },
  {
    pattern: /^'Media Type Object' media type '\*\/\*' is invalid$/,
    reason:
      "OpenAPI 3.0 allows media ranges; `*/*` says a download's type is the stored file's own. Dredd's parser (media-typer) rejects ranges and drops that body only, keeping the transaction; the mock's tests check the bytes and headers",
  },
  {
    pattern: ignoredKeys('Media Type Object', ['encoding']),
    reason: 'only used by multipart bodies, which the Dredd hooks build',
  },
];

/** The reason a Dredd warning is tolerated, or undefined when it is a finding. */
export function toleratedReason(warning: string): string | undefined {
  // Dredd prefixes the location and folds repeats into one warning with a count (spelt so).
  const message = warning
    .replace(/^API description parser warning in .*? \((?:from )?line [^)]*\): /, '')
    .replace(/ \(\d+ occurances?\)$/, '');
  return TOLERATED_DREDD_WARNINGS.find(({ pattern }) => pattern.test(message))?.reason;
}
