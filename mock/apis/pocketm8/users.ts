import type { MockContext } from '../../context.ts';
import { notYet } from '../../http/not-yet.ts';
import type { Pocketm8Handlers } from './types.ts';

export function userHandlers(_context: MockContext): Pick<Pocketm8Handlers, 'getUsers'> {
  return notYet(['getUsers']) as unknown as Pick<Pocketm8Handlers, 'getUsers'>;
}
