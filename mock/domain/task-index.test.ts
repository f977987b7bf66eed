import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyData, type Data } from '../store/data.ts';
import { changed } from '../store/marks.ts';
import { canSeeTask } from './access.ts';
import { createClock } from './clock.ts';
import { tasksOf } from './task-index.ts';
import { Tasks } from './tasks.ts';

const USERS = ['usr_a', 'usr_b', 'usr_c'] as const;

function start(): Data {
  const data = emptyData();
  for (const id of USERS) data.users.push({ id } as Data['users'][number]);
  return data;
}

/** What the index must say: the tasks each user owns or is assigned to, by a pass over all of them. */
const expected = (data: Data, userId: string) => data.tasks.filter((task) => canSeeTask(task, userId)).map((task) => task.id);

type Step = (tasks: Tasks, state: { data: Data }) => void;
const user = fc.constantFrom(...USERS);
const assignees = fc.subarray([...USERS]);
const nth = fc.nat(20);
const taskAt = (data: Data, n: number) => data.tasks[n % Math.max(1, data.tasks.length)];

// Every way the services change tasks, and the state swapped whole (reset, restore, a copy).
const steps: fc.Arbitrary<Step>[] = [
  fc.record({ user, assigneeIds: assignees }).map(
    ({ user, assigneeIds }) =>
      (tasks) =>
        void tasks.create(user, { title: 't', assigneeIds }),
  ),
  fc.record({ n: nth, assigneeIds: assignees }).map(({ n, assigneeIds }) => (tasks, state) => {
    const task = taskAt(state.data, n);
    if (task) tasks.replace(task.ownerId, task.id, { title: 'r', assigneeIds });
  }),
  nth.map((n) => (tasks, state) => {
    const task = taskAt(state.data, n);
    if (task && task.status === 'open') tasks.move(task.ownerId, task.id, 'in_progress');
  }),
  nth.map((n) => (tasks, state) => {
    const task = taskAt(state.data, n);
    if (task) tasks.remove(task.ownerId, task.id);
  }),
  fc.constant((_tasks: Tasks, state: { data: Data }) => {
    state.data = JSON.parse(JSON.stringify(state.data)) as Data;
  }),
];

describe('tasksOf (the per-user task index)', () => {
  it('answers what a pass over every task answers, after any mix of creates, assignee changes, moves, deletes and swapped states', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ step: fc.oneof(...steps), look: fc.boolean() }), { maxLength: 30 }), (run) => {
        const state = { data: start() };
        const tasks = new Tasks(() => state.data, createClock());
        for (const { step, look } of run) {
          step(tasks, state);
          // Looked at after some steps only, so that it also catches up over several changes at once.
          if (look) for (const id of USERS) expect(tasksOf(state.data, id).map((task) => task.id)).toEqual(expected(state.data, id));
        }
        for (const id of USERS) expect(tasksOf(state.data, id).map((task) => task.id)).toEqual(expected(state.data, id));
      }),
      { numRuns: 300 },
    );
  });

  it('is built again when a task changes in place, and only extended when tasks are added', () => {
    const data = start();
    const tasks = new Tasks(() => data, createClock());
    const first = tasks.create('usr_a', { title: 'one' });
    const seen = tasksOf(data, 'usr_a');
    tasks.create('usr_a', { title: 'two' });
    expect(tasksOf(data, 'usr_a')).toBe(seen);
    expect(seen.map((task) => task.title)).toEqual(['one', 'two']);
    first.assigneeIds = ['usr_b'];
    changed(data, 'tasks', first);
    expect(tasksOf(data, 'usr_b')).toEqual([first]);
    expect(tasksOf(data, 'usr_a')).not.toBe(seen);
  });
});
