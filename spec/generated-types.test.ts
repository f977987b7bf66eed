import { describe, expect, it } from 'vitest';
import { typesStatus } from './lib/generate-types.ts';
import { SPEC_FILES } from '../mock/core/spec-files.ts';

describe('spec/generated types', () => {
  it.each(SPEC_FILES)('types generated from $relativePath are current', async (spec) => {
    const [status] = await typesStatus([spec]);
    const state = status?.current === undefined ? 'is missing' : 'is stale';
    expect(status?.current === status?.expected, `spec/generated/${spec.name}.ts ${state}: run npm run gen:types`).toBe(true);
  });
});
