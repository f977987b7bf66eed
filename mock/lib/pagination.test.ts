import { describe, expect, it } from 'vitest';
import { matchesSearch, paginate } from './pagination.ts';

describe('paginate', () => {
  const items = Array.from({ length: 57 }, (_, i) => i);

  it('cuts the requested page and reports totals', () => {
    expect(paginate(items, 3, 20)).toEqual({ data: items.slice(40), meta: { page: 3, perPage: 20, total: 57, totalPages: 3 } });
  });

  it('answers an empty page past the end', () => {
    expect(paginate(items, 9, 20).data).toEqual([]);
  });

  it('reports zero pages for an empty list', () => {
    expect(paginate([], 1, 20).meta).toEqual({ page: 1, perPage: 20, total: 0, totalPages: 0 });
  });
});

describe('matchesSearch', () => {
  it('matches case-insensitively on any field', () => {
    expect(matchesSearch('DEMO', null, 'Prepare the demo')).toBe(true);
    expect(matchesSearch('zzz', 'Prepare the demo')).toBe(false);
    expect(matchesSearch(undefined, 'x')).toBe(true);
  });
});
