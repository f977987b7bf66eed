import type { MockContext } from '../../context.ts';
import { notYet } from '../../http/not-yet.ts';
import type { Pocketm8Handlers } from './types.ts';

export function avatarHandlers(_context: MockContext): Pick<Pocketm8Handlers, 'uploadAvatar'> {
  return notYet(['uploadAvatar']) as unknown as Pick<Pocketm8Handlers, 'uploadAvatar'>;
}
