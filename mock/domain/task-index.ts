import type { Data, TaskRecord } from '../store/data.ts';
import { versionsOf } from '../store/marks.ts';

/** The tasks each user owns or is assigned to, derived from one state's tasks at one version. */
interface TaskIndex {
  tasks: readonly TaskRecord[];
  /** How many of `tasks` are in the index. */
  size: number;
  /** `versionsOf(data, 'tasks').inPlace` when it was built. */
  inPlace: number;
  byUser: Map<string, TaskRecord[]>;
}

const indexes = new WeakMap<Data, TaskIndex>();

function add(byUser: Map<string, TaskRecord[]>, task: TaskRecord): void {
  const put = (userId: string) => {
    const list = byUser.get(userId);
    if (!list) byUser.set(userId, [task]);
    // A user both owner and assignee (or listed twice) gets the task once: its adds come together.
    else if (list.at(-1) !== task) list.push(task);
  };
  put(task.ownerId);
  for (const userId of task.assigneeIds) put(userId);
}

/**
 * The tasks a user can see (owns or is assigned to, as `canSeeTask` says), in the order of the
 * store, from an index built on first use. Who sees a task changes only with the tasks noted as
 * changed (`changed(data, 'tasks', …)`, mock/store/marks.ts), so the index is kept while the
 * tasks array and its versions stay; tasks pushed since (a create) are added to it; a task
 * changed in place (assignees replaced) or removed, or a new tasks array, builds it again. A new
 * state object (reset, snapshot restore, world copy, a store opened again) has no index yet.
 */
export function tasksOf(data: Data, userId: string): readonly TaskRecord[] {
  const { tasks } = data;
  const { inPlace } = versionsOf(data, 'tasks');
  let index = indexes.get(data);
  if (!index || index.tasks !== tasks || index.size > tasks.length || index.inPlace !== inPlace) {
    index = { tasks, size: 0, inPlace, byUser: new Map() };
    indexes.set(data, index);
  }
  for (; index.size < tasks.length; index.size += 1) add(index.byUser, tasks[index.size]!);
  return index.byUser.get(userId) ?? [];
}
