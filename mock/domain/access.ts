import { ApiError } from '../lib/api-error.ts';
import type { Data, FileRecord, TaskRecord } from '../store/data.ts';
import { findBy } from '../lib/by-id.ts';
import { changed } from '../store/marks.ts';
import { tasksOf } from './task-index.ts';

/** A task is visible to its owner and its assignees. */
export function canSeeTask(task: TaskRecord, userId: string): boolean {
  return task.ownerId === userId || task.assigneeIds.includes(userId);
}

/** The ids of every task the user can see, to test many files at once. */
export function visibleTaskIds(data: Data, userId: string): Set<string> {
  return new Set(tasksOf(data, userId).map((task) => task.id));
}

/** A file is visible to its owner and to the users (owner or assignees) of a task it is attached to. */
export function canSeeFile(file: FileRecord, userId: string, taskIds: ReadonlySet<string>): boolean {
  return file.ownerId === userId || file.taskIds.some((id) => taskIds.has(id));
}

/** What the caller wants to do with a resource: read it, or change it (owner only). */
export type Need = 'read' | 'own';

/** Answers NOT_FOUND for a resource the caller cannot see and FORBIDDEN for one it sees but does not own. */
function check<T extends { ownerId: string }>(found: T | undefined, visible: boolean, userId: string, need: Need): T {
  if (!found || !visible) throw new ApiError('NOT_FOUND');
  if (need === 'own' && found.ownerId !== userId) throw new ApiError('FORBIDDEN');
  return found;
}

export function taskFor(data: Data, id: string, userId: string, need: Need): TaskRecord {
  const task = findBy(data.tasks, 'id', id);
  return check(task, task !== undefined && canSeeTask(task, userId), userId, need);
}

export function fileFor(data: Data, id: string, userId: string, need: Need): FileRecord {
  const file = findBy(data.files, 'id', id);
  const visible =
    file !== undefined &&
    (file.ownerId === userId ||
      file.taskIds.some((taskId) => {
        const task = findBy(data.tasks, 'id', taskId);
        return task !== undefined && canSeeTask(task, userId);
      }));
  return check(file, visible, userId, need);
}

/** Links a file and a task on both sides; `updatedAt` moves on the side that changes. */
export function attach(data: Data, task: TaskRecord, file: FileRecord, now: string): void {
  if (!task.fileIds.includes(file.id)) {
    task.fileIds.push(file.id);
    task.updatedAt = now;
    changed(data, 'tasks', task);
  }
  if (!file.taskIds.includes(task.id)) {
    file.taskIds.push(task.id);
    file.updatedAt = now;
    changed(data, 'files', file);
  }
}

/** Unlinks a file and a task on both sides. */
export function detach(data: Data, task: TaskRecord, file: FileRecord, now: string): void {
  if (task.fileIds.includes(file.id)) {
    task.fileIds = task.fileIds.filter((id) => id !== file.id);
    task.updatedAt = now;
    changed(data, 'tasks', task);
  }
  if (file.taskIds.includes(task.id)) {
    file.taskIds = file.taskIds.filter((id) => id !== task.id);
    file.updatedAt = now;
    changed(data, 'files', file);
  }
}
