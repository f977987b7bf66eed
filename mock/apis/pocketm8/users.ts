import { otherUsers } from '../../domain/people.ts';
import { toUserSummary } from '../../domain/views.ts';
import { paginate } from '../../lib/pagination.ts';
import type { Pocketm8Handlers } from './types.ts';

export const userHandlers: Pick<Pocketm8Handlers, 'getUsers'> = {
  getUsers: ({ principal, query, request, world }) => {
    const origin = request.origin;
    const users = otherUsers(world.data(), principal.user.id, query.search).map((user) => toUserSummary(user, origin));
    return { status: 200, body: paginate(users, query.page, query.perPage) };
  },
};
