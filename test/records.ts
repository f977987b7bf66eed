import type { TaskRecord } from '../mock/store/data.ts';

/** A stored task with every field, for tests that build a state by hand. */
export function taskRecord(id: string, title = id): TaskRecord {
  return {
    id,
    title,
    description: null,
    status: 'open',
    priority: 'normal',
    dueDate: null,
    ownerId: 'usr_1',
    assigneeIds: [],
    fileIds: [],
    createdAt: '2026-11-22T00:00:00Z',
    updatedAt: '2026-11-22T00:00:00Z',
  };
}
