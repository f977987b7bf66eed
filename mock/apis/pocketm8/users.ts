import type { MockContext } from '../context.ts';
import { otherUsers } from '../../domain/people.ts';
import { toUserSummary } from '../../domain/views.ts';
import { paginate } from '../../lib/pagination.ts';
import type { Pocketm8Handlers } from './types.ts';

export function userHandlers(context: MockContext): Pick<Pocketm8Handlers, 'getUsers'> {
  return {
    getUsers: ({ principal, query, request }) => {
      const origin = request.origin;
      const users = otherUsers(context.data(), principal.user.id, query.search).map((user) => toUserSummary(user, origin));
      return { status: 200, body: paginate(users, query.page, query.perPage) };
    },
  };
}
