import type { MockContext } from '../../context.ts';
import { notYet } from '../../http/not-yet.ts';
import type { Pocketm8Handlers } from './types.ts';

export function contactHandlers(_context: MockContext): Pick<Pocketm8Handlers, 'getContacts' | 'getContact'> {
  return notYet(['getContacts', 'getContact']) as unknown as Pick<Pocketm8Handlers, 'getContacts' | 'getContact'>;
}
