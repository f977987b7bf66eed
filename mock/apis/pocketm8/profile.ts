import type { MockContext } from '../../context.ts';
import { notYet } from '../../http/not-yet.ts';
import type { Pocketm8Handlers } from './types.ts';

export function profileHandlers(_context: MockContext): Pick<Pocketm8Handlers, 'getProfile' | 'updateProfile' | 'updateEmail' | 'updatePhone' | 'resendCode' | 'updateAvatar' | 'verifyProfileCode'> {
  return notYet(['getProfile', 'updateProfile', 'updateEmail', 'updatePhone', 'resendCode', 'updateAvatar', 'verifyProfileCode']) as unknown as Pick<Pocketm8Handlers, 'getProfile' | 'updateProfile' | 'updateEmail' | 'updatePhone' | 'resendCode' | 'updateAvatar' | 'verifyProfileCode'>;
}
