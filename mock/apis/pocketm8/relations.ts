import { toFileSummary, toRoom, toTaskSummary } from '../../domain/summaries.ts';
import { toUserSummary } from '../../domain/views.ts';
import type { Pocketm8Handlers } from './types.ts';

export const relationHandlers: Pick<Pocketm8Handlers, 'getTaskEditRelations' | 'getFileEditRelations'> = {
  getTaskEditRelations: ({ principal, query, request, world }) => {
    const origin = request.origin;
    const choices = world.services.relations.taskEdit(principal.user.id, query.taskId);
    return {
      status: 200,
      body: {
        assignees: choices.assignees.map((user) => toUserSummary(user, origin)),
        files: choices.files.map(toFileSummary),
        statuses: [...choices.statuses],
        priorities: [...choices.priorities],
      },
    };
  },
  getFileEditRelations: ({ principal, query, world }) => {
    const choices = world.services.relations.fileEdit(principal.user.id, query.fileId);
    return { status: 200, body: { ...choices, tasks: choices.tasks.map(toTaskSummary), rooms: choices.rooms.map(toRoom) } };
  },
};
