import { describe, expect, it } from 'vitest';
import { emptyData } from './data.ts';
import { changed, changedKeys, hasNoted, takeNoted, versionsOf, WHOLE_MAP } from './marks.ts';
import { createMemoryStore } from './store.ts';
import { taskRecord } from '../../test/records.ts';

describe('changed', () => {
  it('keeps what was noted of one state until a write takes it, and versions per collection that only move on', () => {
    const data = emptyData();
    const other = emptyData();
    const first = taskRecord('tsk_1');
    changed(data, 'tasks', first);
    changed(data, 'idCounters');
    changedKeys(data, 'sendCounts', 'sign-in|+41790000001');
    expect(hasNoted(data)).toBe(true);
    expect(hasNoted(other)).toBe(false);
    // A map noted without keys is compared whole (WHOLE_MAP); with keys, by those keys.
    expect(takeNoted(data)).toEqual(
      new Map<string, Set<object | string>>([
        ['tasks', new Set([first])],
        ['idCounters', new Set([WHOLE_MAP])],
        ['sendCounts', new Set(['sign-in|+41790000001'])],
      ]),
    );
    expect(hasNoted(data)).toBe(false);
    expect(versionsOf(data, 'tasks')).toEqual({ all: 1, inPlace: 1 });
    changed(data, 'tasks');
    expect(versionsOf(data, 'tasks')).toEqual({ all: 2, inPlace: 1 });
    expect(versionsOf(data, 'users')).toEqual({ all: 0, inPlace: 0 });
  });
});

// The unit tests run with checkNotedChanges on (test/check-noted-changes.ts).
describe('checkNotedChanges', () => {
  it('fails a commit on a change to the state that was not noted, and passes noted ones', async () => {
    const store = createMemoryStore(emptyData());
    store.data.tasks.push(taskRecord('tsk_1'));
    await expect(store.commit()).rejects.toThrow('the state changed without changed() (mock/store/marks.ts): set tasks tsk_1');

    store.data.tasks.push(taskRecord('tsk_2'));
    changed(store.data, 'tasks');
    await store.commit();
    store.data.tasks[0]!.title = 'renamed';
    changed(store.data, 'tasks', store.data.tasks[0]!);
    await store.commit();

    // Noting the collection is not noting a record changed in place.
    store.data.tasks[1]!.title = 'renamed too';
    changed(store.data, 'tasks');
    await expect(store.commit()).rejects.toThrow('set tasks tsk_2');
  });
});
