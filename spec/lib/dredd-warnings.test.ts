import { describe, expect, it } from 'vitest';
import { toleratedReason } from './dredd-warnings.ts';

const at = 'API description parser warning in /work/main/spec/pocketm8.openapi.yaml:49 (from line 49 column 1 to column 5): ';

describe('toleratedReason', () => {
  it.each([
    "'OpenAPI Object' contains unsupported key 'tags'",
    "'Operation Object' contains unsupported key 'tags' (32 occurances)",
    "'Schema Object' contains unsupported key '$ref' (7 occurances)",
    "'Schema Object' contains invalid key 'additionalProperties'",
    "'Schema Object' contains invalid key 'x-error-message' (12 occurances)",
    "'Header Object' contains unsupported key 'schema' (2 occurances)",
    "'Request Body Object' contains unsupported key 'required' (20 occurances)",
    "'Example Object' contains unsupported key 'summary'",
    "'Media Type Object' 'examples' only one example is supported, other examples have been ignored (8 occurances)",
    "'Media Type Object' 'example' is not supported for media type 'multipart/form-data'",
    "'Media Type Object' media type '*/*' is invalid",
  ])('tolerates %s', (message) => {
    expect(toleratedReason(at + message)).toEqual(expect.any(String));
  });

  it.each([
    "'Schema Object' 'example' does not match expected type 'string'",
    "'Schema Object' 'status' is not included in 'enum'",
    "'Response Object' 'description' is not a string",
    "'Path Item Object' contains unsupported key '$ref'",
    "'Operation Object' contains unsupported key 'callbacks'",
    "'Example Object' contains unsupported key 'externalValue'",
    "'Schema Object' contains invalid key 'requird'",
    "'Schema Object' contains invalid key 'x-error-messag'",
    "'Media Type Object' 'examples' is only supported for JSON media types",
    "'Media Type Object' media type 'application/json;;' is invalid",
    "'Parameter Object' 'name' in location 'header' should not be 'Accept', 'Content-Type' or 'Authorization'",
    'Ambiguous URI parameter in template: /a/{id}',
  ])('reports %s', (message) => {
    expect(toleratedReason(at + message)).toBeUndefined();
  });
});
