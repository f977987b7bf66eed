import type { MockContext } from '../context.ts';
import { ApiError } from '../../lib/api-error.ts';
import { changed } from '../../store/marks.ts';
import { filterOutbox } from './outbox-filter.ts';
import type { ControlHandlers } from './types.ts';

export function outboxHandlers(context: MockContext): Pick<ControlHandlers, 'listOutbox' | 'getLatestOutboxEntry' | 'clearOutbox'> {
  return {
    listOutbox: ({ query }) => ({ status: 200, body: filterOutbox(context.data().outbox, query) }),
    getLatestOutboxEntry: ({ query }) => {
      const [latest] = filterOutbox(context.data().outbox, query, 1);
      if (!latest) throw new ApiError('NOT_FOUND', { detail: 'no message matches' });
      return { status: 200, body: latest };
    },
    clearOutbox: () => {
      const data = context.data();
      data.outbox = [];
      changed(data, 'outbox');
      return { status: 204 };
    },
  };
}
