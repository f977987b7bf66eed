import type { MockContext } from '../../context.ts';
import { notYet } from '../../http/not-yet.ts';
import type { Pocketm8Handlers } from './types.ts';

export function authHandlers(_context: MockContext): Pick<Pocketm8Handlers, 'signIn' | 'resetPassword' | 'sendSmsCode' | 'verifyCode' | 'verifyToken' | 'verifyChallenge'> {
  return notYet(['signIn', 'resetPassword', 'sendSmsCode', 'verifyCode', 'verifyToken', 'verifyChallenge']) as unknown as Pick<Pocketm8Handlers, 'signIn' | 'resetPassword' | 'sendSmsCode' | 'verifyCode' | 'verifyToken' | 'verifyChallenge'>;
}
