import { describe, expect, it } from 'vitest';
import { parseDreddNames } from './dredd-names.ts';

const output = `(node:4193) Warning: Accessing non-existent property 'padLevels' of module exports inside circular dependency
(Use \`node --trace-warnings ...\` to show where the warning was created)
warn: API description parser warning in /x/spec.yaml:26 (from line 26 column 17 to column 20): 'Media Type Object' 'examples' only one example is supported, other examples have been ignored
warn: API description URI template expansion warning in /x/spec.yaml (api > /a/{id} > A > 200 > application/json): Ambiguous URI parameter in template: /a/{id}
No example value for required parameter in API description document: id
error: API description URI parameters validation error in /x/spec.yaml (api > /a/{id} > A > 200 > application/json): Required URI parameter 'id' has no example or default value.
info: /tasks/{id} > Get Task > 200 > application/json
skip: GET (200) /tasks/tsk_1
info: /tasks/{id} > Delete Task > 204
skip: DELETE (204) /tasks/tsk_1
info: Beginning Dredd testing...
complete: 0 passing, 0 failing, 0 errors, 2 skipped, 2 total
`;

describe('parseDreddNames', () => {
  const listing = parseDreddNames(output);

  it('pairs each transaction name with the method of the skip line after it', () => {
    expect(listing.transactions).toEqual([
      { name: '/tasks/{id} > Get Task > 200 > application/json', path: '/tasks/{id}', method: 'GET', status: '200' },
      { name: '/tasks/{id} > Delete Task > 204', path: '/tasks/{id}', method: 'DELETE', status: '204' },
    ]);
  });

  it('keeps multi-line warnings whole and leaves out Node’s own warnings', () => {
    expect(listing.warnings).toHaveLength(2);
    expect(listing.warnings[1]).toMatch(/Ambiguous URI parameter in template: \/a\/\{id\}\nNo example value for required parameter/);
    expect(listing.warnings.join('\n')).not.toContain('padLevels');
  });

  it('collects errors', () => {
    expect(listing.errors).toEqual([expect.stringContaining("Required URI parameter 'id' has no example or default value.")]);
  });
});
