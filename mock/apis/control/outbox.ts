import { ApiError } from '../../lib/api-error.ts';
import { changed } from '../../store/marks.ts';
import { filterOutbox } from './outbox-filter.ts';
import type { ControlHandlers } from './types.ts';

export const outboxHandlers: Pick<ControlHandlers, 'listOutbox' | 'getLatestOutboxEntry' | 'clearOutbox'> = {
  listOutbox: ({ query, world }) => ({ status: 200, body: filterOutbox(world.data().outbox, query) }),
  getLatestOutboxEntry: ({ query, world }) => {
    const [latest] = filterOutbox(world.data().outbox, query, 1);
    if (!latest) throw new ApiError('NOT_FOUND', { detail: 'no message matches' });
    return { status: 200, body: latest };
  },
  clearOutbox: ({ world }) => {
    const data = world.data();
    data.outbox = [];
    changed(data, 'outbox');
    return { status: 204 };
  },
};
