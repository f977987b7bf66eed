import { ApiError } from '../../lib/api-error.ts';
import type { ControlHandlers } from './types.ts';

/** Where the mock serves no pages (MSW), the console's address answers 404. */
export const NO_PAGES = 'this mock serves no pages (the QA console and /docs come with the pocketm8-mock server)';

export const consoleHandlers: Pick<ControlHandlers, 'getConsole'> = {
  getConsole: ({ world }) => {
    const { pages } = world.assets;
    if (!pages) throw new ApiError('NOT_FOUND', { detail: NO_PAGES });
    return { status: 200, body: pages.console(), contentType: 'text/html; charset=utf-8', headers: { 'Cache-Control': 'no-cache' } };
  },
};
