import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, jsonEqual, StateShadow, type Change } from './changes.ts';
import type { Data } from './data.ts';
import { changed, changedKeys, takeNoted } from './marks.ts';

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

type Note = (name: string, ...records: (object | string)[]) => void;
type Edit = (state: State, note: Note) => void;
const tasksOf = (state: State) => state.tasks as { id: string; title: string; assigneeIds: string[]; note?: string }[];

// Every kind of change the services make: push, in-place edits, nested edits, filter, splice,
// reorder, duplicate keys, map counters, a whole collection replaced. Each notes what it changed
// as the services do, through marks.ts: the collection, and the records it changed in place (or
// the keys of a map).
const edits: fc.Arbitrary<Edit>[] = [
  fc.nat(1000).map((n) => (state: State, note: Note) => {
    tasksOf(state).push({ id: `tsk_n${n}`, title: `new ${n}`, assigneeIds: [] });
    note('tasks');
  }),
  fc.string().map((title) => (state: State, note: Note) => {
    const first = tasksOf(state)[0];
    if (first) first.title = title;
    if (first) note('tasks', first);
  }),
  fc.constant((state: State, note: Note) => {
    const last = tasksOf(state).at(-1);
    last?.assigneeIds.push('usr_2');
    if (last) note('tasks', last);
  }),
  fc.constant((state: State, note: Note) => {
    const first = tasksOf(state)[0];
    if (first) first.note = undefined;
    if (first) note('tasks', first);
  }),
  fc.nat(3).map((n) => (state: State, note: Note) => {
    tasksOf(state).splice(n, 1);
    note('tasks');
  }),
  fc.constant((state: State, note: Note) => {
    state.tasks = tasksOf(state).filter((task) => !task.id.endsWith('1'));
    note('tasks');
  }),
  fc.constant((state: State, note: Note) => {
    tasksOf(state).reverse();
    note('tasks');
  }),
  fc.constant((state: State, note: Note) => {
    tasksOf(state).unshift({ id: 'tsk_front', title: 'front', assigneeIds: [] });
    note('tasks');
  }),
  fc.constant((state: State, note: Note) => {
    // A second record with the key of the first (its own copy: records share no arrays).
    const first = tasksOf(state)[0];
    if (first) tasksOf(state).push(structuredClone(first));
    note('tasks');
  }),
  fc.nat(3).map((n) => (state: State, note: Note) => {
    // A record swapped for a new object with the same key.
    const tasks = tasksOf(state);
    const old = tasks[n];
    if (old) tasks[n] = { ...old, title: `copy of ${old.title}` };
    note('tasks');
  }),
  fc.nat(3).map((n) => (state: State, note: Note) => {
    // A key changed in place (the services never do; the log must still be right).
    const task = tasksOf(state)[n];
    if (task) task.id = `${task.id}_renamed`;
    if (task) note('tasks', task);
  }),
  fc.nat(5).map((n) => (state: State, note: Note) => {
    (state.sends as object[]).push({ purpose: 'sign-in', destination: `+4179000000${n}`, at: '2026-01-01T00:00:00Z' });
    note('sends');
  }),
  fc.constant((state: State, note: Note) => {
    state.sends = (state.sends as object[]).slice(1);
    note('sends');
  }),
  fc.nat(9).map((n) => (state: State, note: Note) => {
    const counters = state.sendCounts as Record<string, number>;
    counters[`k${n}`] = (counters[`k${n}`] ?? 0) + 1;
    note('sendCounts');
  }),
  fc.nat(9).map((n) => (state: State, note: Note) => {
    delete (state.sendCounts as Record<string, number>)[`k${n}`];
    note('sendCounts');
  }),
  fc.nat(9).map((n) => (state: State, note: Note) => {
    // A map's key set, noted by key (changedKeys), as the verification engine counts sends.
    const counters = state.sendCounts as Record<string, number>;
    counters[`k${n}`] = (counters[`k${n}`] ?? 0) + 1;
    note('sendCounts', `k${n}`);
  }),
  fc.nat(9).map((n) => (state: State, note: Note) => {
    delete (state.sendCounts as Record<string, number>)[`k${n}`];
    note('sendCounts', `k${n}`);
  }),
  fc.constant((state: State, note: Note) => {
    state.idCounters = { tsk: 99 };
    note('idCounters');
  }),
];

/** Runs commits of edits, each diffed (with what they noted, or not) and replayed over a copy of the start. */
function replays(commits: Edit[][], withNotes: boolean): void {
  const state = start();
  const shadow = new StateShadow(state);
  const replica = JSON.parse(JSON.stringify(state)) as State;
  for (const commit of commits) {
    const data = state as unknown as Data;
    const note: Note = (name, ...items) => {
      if (items.some((item) => typeof item === 'string')) changedKeys(data, name as 'sendCounts', ...(items as string[]));
      else changed(data, name as keyof Data, ...(items as never[]));
    };
    for (const edit of commit) edit(state, note);
    const noted = takeNoted(data);
    const changes = withNotes ? shadow.diff(state, noted) : shadow.diff(state);
    applyChanges(replica, JSON.parse(JSON.stringify(changes)) as Change[]);
    // As JSON, with the keys of a map in any order (sendCounts is looked up by key only).
    expect(replica).toEqual(JSON.parse(JSON.stringify(state)));
    expect(shadow.diff(state)).toEqual([]);
  }
}

describe('StateShadow and applyChanges', () => {
  const commits = fc.array(fc.array(fc.oneof(...edits), { maxLength: 4 }), { maxLength: 12 });

  it('logs changes that rebuild the state exactly from the state they were written after', () => {
    fc.assert(
      fc.property(commits, (made) => replays(made, false)),
      { numRuns: 500 },
    );
  });

  it('logs the same from what was noted alone (the noted records compared, the others found in place)', () => {
    fc.assert(
      fc.property(commits, (made) => replays(made, true)),
      { numRuns: 500 },
    );
  });

  it('compares only what was noted: a change not noted is not seen', () => {
    const state = start();
    const shadow = new StateShadow(state);
    const [first, second] = tasksOf(state);
    first!.title = 'noted';
    second!.title = 'not noted';
    (state.idCounters as Record<string, number>).tsk = 5;
    Object.assign(state.sendCounts as Record<string, number>, { noted: 1, 'not noted': 1 });
    expect(
      shadow.diff(
        state,
        new Map<string, Set<object | string>>([
          ['tasks', new Set([first!])],
          ['sendCounts', new Set(['noted'])],
        ]),
      ),
    ).toEqual([
      ['set', 'tasks', { ...first }],
      ['put', 'sendCounts', 'noted', 1],
    ]);
    expect(shadow.diff(state, new Map())).toEqual([]);
    expect(shadow.diff(state)).toEqual([
      ['set', 'tasks', { ...second }],
      ['put', 'idCounters', 'tsk', 5],
      ['put', 'sendCounts', 'not noted', 1],
    ]);
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
