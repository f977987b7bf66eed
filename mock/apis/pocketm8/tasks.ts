import type { MockContext } from '../context.ts';
import { toTask } from '../../domain/views.ts';
import { paginate } from '../../lib/pagination.ts';
import type { Pocketm8Handlers } from './types.ts';

export function taskHandlers(
  context: MockContext,
): Pick<Pocketm8Handlers, 'createTask' | 'getTasks' | 'getTask' | 'updateTask' | 'updateTaskStatus' | 'deleteTask'> {
  const { tasks } = context.services;
  return {
    createTask: ({ principal, body, base }) => {
      const task = tasks.create(principal.user.id, body);
      return { status: 201, body: toTask(task), headers: { Location: `${base}/tasks/${task.id}` } };
    },
    getTasks: ({ principal, query }) => {
      const { status, assigneeId, search, sort, page, perPage } = query;
      // Only the page is turned into views.
      const found = paginate(tasks.list(principal.user.id, { status, assigneeId, search, sort }), page, perPage);
      return { status: 200, body: { ...found, data: found.data.map(toTask) } };
    },
    getTask: ({ principal, params }) => ({ status: 200, body: toTask(tasks.get(principal.user.id, params.id)) }),
    updateTask: ({ principal, params, body }) => ({ status: 200, body: toTask(tasks.replace(principal.user.id, params.id, body)) }),
    updateTaskStatus: ({ principal, params, body }) => ({
      status: 200,
      body: toTask(tasks.move(principal.user.id, params.id, body.status)),
    }),
    deleteTask: ({ principal, params }) => {
      tasks.remove(principal.user.id, params.id);
      return { status: 204 };
    },
  };
}
