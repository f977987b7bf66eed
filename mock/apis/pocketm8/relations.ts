import type { MockContext } from '../context.ts';
import { toFileSummary, toRoom, toTaskSummary } from '../../domain/summaries.ts';
import { toUserSummary } from '../../domain/views.ts';
import type { Pocketm8Handlers } from './types.ts';

export function relationHandlers(context: MockContext): Pick<Pocketm8Handlers, 'getTaskEditRelations' | 'getFileEditRelations'> {
  const { relations } = context.services;
  return {
    getTaskEditRelations: ({ principal, query, request }) => {
      const origin = request.origin;
      const choices = relations.taskEdit(principal.user.id, query.taskId);
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
    getFileEditRelations: ({ principal, query }) => {
      const choices = relations.fileEdit(principal.user.id, query.fileId);
      return { status: 200, body: { ...choices, tasks: choices.tasks.map(toTaskSummary), rooms: choices.rooms.map(toRoom) } };
    },
  };
}
