import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, jsonEqual, StateShadow, type Change } from './changes.ts';

type State = Record<string, unknown>;

const start = (): State => ({
  tasks: [
    { id: 'tsk_1', title: 'one', assigneeIds: ['usr_1'] },
    { id: 'tsk_2', title: 'two', assigneeIds: [] },
  ],
  sends: [{ purpose: 'phone-change', destination: '+41790000001', at: '2026-01-01T00:00:00Z' }],
  idCounters: { tsk: 2 },
  sendCounts: {},
});

// Every kind of change the services make: push, in-place edits, nested edits, filter, splice,
// reorder, duplicate keys, map counters, a whole collection replaced.
const edits: fc.Arbitrary<(state: State) => void>[] = [
  fc.nat(1000).map((n) => (state: State) => void (state.tasks as object[]).push({ id: `tsk_n${n}`, title: `new ${n}`, assigneeIds: [] })),
  fc.string().map((title) => (state: State) => {
    const first = (state.tasks as { title: string }[])[0];
    if (first) first.title = title;
  }),
  fc.constant((state: State) => {
    const last = (state.tasks as { assigneeIds: string[] }[]).at(-1);
    last?.assigneeIds.push('usr_2');
  }),
  fc.constant((state: State) => {
    const first = (state.tasks as { note?: string }[])[0];
    if (first) first.note = undefined;
  }),
  fc.nat(3).map((n) => (state: State) => void (state.tasks as unknown[]).splice(n, 1)),
  fc.constant((state: State) => void (state.tasks = (state.tasks as { id: string }[]).filter((task) => !task.id.endsWith('1')))),
  fc.constant((state: State) => void (state.tasks as unknown[]).reverse()),
  fc.constant((state: State) => void (state.tasks as unknown[]).unshift({ id: 'tsk_front', title: 'front', assigneeIds: [] })),
  fc.constant((state: State) => {
    const first = (state.tasks as object[])[0];
    if (first) (state.tasks as object[]).push({ ...first });
  }),
  fc
    .nat(5)
    .map(
      (n) => (state: State) =>
        void (state.sends as object[]).push({ purpose: 'sign-in', destination: `+4179000000${n}`, at: '2026-01-01T00:00:00Z' }),
    ),
  fc.constant((state: State) => void (state.sends = (state.sends as object[]).slice(1))),
  fc.nat(9).map((n) => (state: State) => {
    const counters = state.sendCounts as Record<string, number>;
    counters[`k${n}`] = (counters[`k${n}`] ?? 0) + 1;
  }),
  fc.nat(9).map((n) => (state: State) => void delete (state.sendCounts as Record<string, number>)[`k${n}`]),
  fc.constant((state: State) => void (state.idCounters = { tsk: 99 })),
];

describe('StateShadow and applyChanges', () => {
  it('logs changes that rebuild the state exactly from the state they were written after', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(...edits), { maxLength: 4 }), { maxLength: 12 }), (commits) => {
        const state = start();
        const shadow = new StateShadow(state);
        const replica = JSON.parse(JSON.stringify(state)) as State;
        for (const commit of commits) {
          for (const edit of commit) edit(state);
          const changes = shadow.diff(state);
          applyChanges(replica, JSON.parse(JSON.stringify(changes)) as Change[]);
          // As JSON, with the keys of a map in any order (sendCounts is looked up by key only).
          expect(replica).toEqual(JSON.parse(JSON.stringify(state)));
          expect(shadow.diff(state)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('logs only what changed: a new task is one set, an edit one set, a removal one del', () => {
    const state = start();
    const shadow = new StateShadow(state);
    (state.tasks as object[]).push({ id: 'tsk_3', title: 'three', assigneeIds: [] });
    (state.idCounters as Record<string, number>).tsk = 3;
    expect(shadow.diff(state)).toEqual([
      ['set', 'tasks', { id: 'tsk_3', title: 'three', assigneeIds: [] }],
      ['put', 'idCounters', 'tsk', 3],
    ]);
    (state.tasks as { title: string }[])[1]!.title = 'TWO';
    expect(shadow.diff(state)).toEqual([['set', 'tasks', { id: 'tsk_2', title: 'TWO', assigneeIds: [] }]]);
    state.tasks = (state.tasks as { id: string }[]).filter((task) => task.id !== 'tsk_1');
    expect(shadow.diff(state)).toEqual([['del', 'tasks', 'tsk_1']]);
  });

  it('logs a collection whole when its records moved', () => {
    const state = start();
    const shadow = new StateShadow(state);
    (state.tasks as unknown[]).reverse();
    expect(shadow.diff(state)).toEqual([['all', 'tasks', state.tasks]]);
  });
});

describe('jsonEqual', () => {
  it('compares as JSON writes: undefined properties are absent, array holes are null', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, undefined], [1, null])).toBe(true);
    expect(jsonEqual([1, [2]], [1, [3]])).toBe(false);
    expect(jsonEqual({ a: [] }, { a: {} })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
