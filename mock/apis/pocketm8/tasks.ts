import { toTask } from '../../domain/views.ts';
import { paginate } from '../../lib/pagination.ts';
import type { Pocketm8Handlers } from './types.ts';

export const taskHandlers: Pick<
  Pocketm8Handlers,
  'createTask' | 'getTasks' | 'getTask' | 'updateTask' | 'updateTaskStatus' | 'deleteTask'
> = {
  createTask: ({ principal, body, base, world }) => {
    const task = world.services.tasks.create(principal.user.id, body);
    return { status: 201, body: toTask(task), headers: { Location: `${base}/tasks/${task.id}` } };
  },
  getTasks: ({ principal, query, world }) => {
    const { status, assigneeId, search, sort, page, perPage } = query;
    // Only the page is turned into views.
    const found = paginate(world.services.tasks.list(principal.user.id, { status, assigneeId, search, sort }), page, perPage);
    return { status: 200, body: { ...found, data: found.data.map(toTask) } };
  },
  getTask: ({ principal, params, world }) => ({ status: 200, body: toTask(world.services.tasks.get(principal.user.id, params.id)) }),
  updateTask: ({ principal, params, body, world }) => ({
    status: 200,
    body: toTask(world.services.tasks.replace(principal.user.id, params.id, body)),
  }),
  updateTaskStatus: ({ principal, params, body, world }) => ({
    status: 200,
    body: toTask(world.services.tasks.move(principal.user.id, params.id, body.status)),
  }),
  deleteTask: ({ principal, params, world }) => {
    world.services.tasks.remove(principal.user.id, params.id);
    return { status: 204 };
  },
};
