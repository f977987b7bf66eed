import type { components } from '../../spec/generated/pocketm8.ts';
import { ApiError } from '../lib/api-error.ts';
import { compareIds, compareNullsLast, compareText } from '../lib/order.ts';
import { matchesSearch } from '../lib/pagination.ts';
import { canMove, type TaskStatus } from '../lib/status-machine.ts';
import type { Data, FileRecord, TaskRecord } from '../store/data.ts';
import { changed } from '../store/marks.ts';
import { attach, detach, fileFor, taskFor } from './access.ts';
import type { Clock } from './clock.ts';
import { nextId } from './ids.ts';
import { tasksOf } from './task-index.ts';

export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export const TASK_SORTS = ['createdAt', '-createdAt', 'dueDate', '-dueDate', 'title'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export type TaskFields = components['schemas']['TaskFields'];

export interface TaskFilter {
  status?: TaskStatus;
  assigneeId?: string;
  search?: string;
  sort?: TaskSort;
}

// Ties go by id in the direction of the sort, so that the newest of two tasks made in the same
// second comes first under `-createdAt`.
const ORDER: Record<TaskSort, (a: TaskRecord, b: TaskRecord) => number> = {
  createdAt: (a, b) => compareNullsLast(a.createdAt, b.createdAt, 1) || compareIds(a.id, b.id),
  '-createdAt': (a, b) => compareNullsLast(a.createdAt, b.createdAt, -1) || compareIds(b.id, a.id),
  dueDate: (a, b) => compareNullsLast(a.dueDate, b.dueDate, 1) || compareIds(a.id, b.id),
  '-dueDate': (a, b) => compareNullsLast(a.dueDate, b.dueDate, -1) || compareIds(b.id, a.id),
  title: (a, b) => compareText(a.title, b.title) || compareIds(a.id, b.id),
};

/** Tasks: who sees them, who changes them, and their links to files (kept in sync on both sides). */
export class Tasks {
  constructor(
    private readonly data: () => Data,
    private readonly clock: Clock,
  ) {}

  /** The tasks the user owns or is assigned to, filtered and ordered (default `-createdAt`). */
  list(userId: string, filter: TaskFilter = {}): TaskRecord[] {
    const { status, assigneeId, search } = filter;
    // The user's own tasks from the per-user index, then one pass, the cheapest tests first.
    return tasksOf(this.data(), userId)
      .filter(
        (task) =>
          (status === undefined || task.status === status) &&
          (assigneeId === undefined || task.assigneeIds.includes(assigneeId)) &&
          matchesSearch(search, task.title, task.description),
      )
      .sort(ORDER[filter.sort ?? '-createdAt']);
  }

  get(userId: string, id: string): TaskRecord {
    return taskFor(this.data(), id, userId, 'read');
  }

  /** A new open task owned by the user; assignees must exist, files must be visible to the user. */
  create(userId: string, fields: TaskFields): TaskRecord {
    const files = this.filesFor(userId, fields.fileIds ?? []);
    const writable = this.writable(fields);
    const now = this.clock.iso();
    const task: TaskRecord = {
      id: nextId(this.data(), 'tsk'),
      ...writable,
      status: 'open',
      fileIds: [],
      ownerId: userId,
      createdAt: now,
      updatedAt: now,
    };
    const data = this.data();
    data.tasks.push(task);
    changed(data, 'tasks');
    for (const file of files) attach(data, task, file, now);
    return task;
  }

  /** Replaces the writable fields (omitted ones go back to their defaults); the owner only. */
  replace(userId: string, id: string, fields: TaskFields): TaskRecord {
    const data = this.data();
    const task = taskFor(data, id, userId, 'own');
    const files = this.filesFor(userId, fields.fileIds ?? []);
    const writable = this.writable(fields);
    const now = this.clock.iso();
    Object.assign(task, writable, { updatedAt: now });
    changed(data, 'tasks', task);
    const kept = new Set(files.map((file) => file.id));
    for (const file of data.files) {
      if (kept.has(file.id)) attach(data, task, file, now);
      else if (file.taskIds.includes(task.id) || task.fileIds.includes(file.id)) detach(data, task, file, now);
    }
    task.fileIds = files.map((file) => file.id);
    return task;
  }

  /** Moves the status along the status machine; the owner and the assignees may. */
  move(userId: string, id: string, status: TaskStatus): TaskRecord {
    const task = taskFor(this.data(), id, userId, 'read');
    if (!canMove(task.status, status))
      throw new ApiError('INVALID_STATUS_TRANSITION', { detail: `${task.status} cannot move to ${status}` });
    task.status = status;
    task.updatedAt = this.clock.iso();
    changed(this.data(), 'tasks', task);
    return task;
  }

  /** Deletes a task (the owner only); its files stay, detached from it. */
  remove(userId: string, id: string): void {
    const data = this.data();
    const task = taskFor(data, id, userId, 'own');
    const now = this.clock.iso();
    for (const file of data.files) if (file.taskIds.includes(task.id)) detach(data, task, file, now);
    data.tasks = data.tasks.filter((candidate) => candidate.id !== task.id);
    changed(data, 'tasks');
  }

  private writable(fields: TaskFields): Pick<TaskRecord, 'title' | 'description' | 'priority' | 'dueDate' | 'assigneeIds'> {
    const data = this.data();
    const assigneeIds = fields.assigneeIds ?? [];
    const unknown = assigneeIds.find((assigneeId) => !data.users.some((user) => user.id === assigneeId));
    if (unknown !== undefined) throw new ApiError('NOT_FOUND', { detail: `no user ${unknown}` });
    return {
      title: fields.title,
      description: fields.description ?? null,
      priority: fields.priority ?? 'normal',
      dueDate: fields.dueDate ?? null,
      assigneeIds: [...assigneeIds],
    };
  }

  private filesFor(userId: string, fileIds: readonly string[]): FileRecord[] {
    return fileIds.map((fileId) => fileFor(this.data(), fileId, userId, 'read'));
  }
}
