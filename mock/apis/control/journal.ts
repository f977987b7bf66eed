import type { MockContext } from '../context.ts';
import type { ControlHandlers } from './types.ts';

const DEFAULT_LIMIT = 50;

export function journalHandlers(context: MockContext): Pick<ControlHandlers, 'listRequests'> {
  return {
    listRequests: ({ query }) => ({ status: 200, body: context.journal.slice(-(query.limit ?? DEFAULT_LIMIT)).reverse() }),
  };
}
