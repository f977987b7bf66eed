import { describe, expect, it } from 'vitest';
import { findBy } from './by-id.ts';

describe('findBy', () => {
  it('finds by key, sees appended records and misses unknown keys', () => {
    const list = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ];
    expect(findBy(list, 'id', 'b')?.n).toBe(2);
    list.push({ id: 'c', n: 3 });
    expect(findBy(list, 'id', 'c')?.n).toBe(3);
    expect(findBy(list, 'id', 'zzz')).toBeUndefined();
  });

  it('answers from the new array after a filter removed a record', () => {
    const list = [{ id: 'a' }, { id: 'b' }];
    expect(findBy(list, 'id', 'a')).toBeDefined();
    const kept = list.filter((item) => item.id !== 'a');
    expect(findBy(kept, 'id', 'a')).toBeUndefined();
    expect(findBy(kept, 'id', 'b')).toEqual({ id: 'b' });
  });

  it('adds the records pushed since, and keeps the ones it has seen', () => {
    const list = [{ id: 'a' }];
    const first = findBy(list, 'id', 'a');
    for (const id of ['b', 'c', 'd']) list.push({ id });
    expect(findBy(list, 'id', 'd')).toEqual({ id: 'd' });
    expect(findBy(list, 'id', 'a')).toBe(first);
    expect(findBy(list, 'id', 'b')).toEqual({ id: 'b' });
  });
});
