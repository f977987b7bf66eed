import type { ControlHandlers } from './types.ts';

const DEFAULT_LIMIT = 50;

export const journalHandlers: Pick<ControlHandlers, 'listRequests'> = {
  listRequests: ({ query, world }) => ({ status: 200, body: world.journal.slice(-(query.limit ?? DEFAULT_LIMIT)).reverse() }),
};
