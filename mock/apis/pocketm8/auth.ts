import { toProfile } from '../../domain/views.ts';
import type { SessionRecord, UserRecord } from '../../store/data.ts';
import type { Pocketm8Handlers } from './types.ts';

type AuthOps = 'signIn' | 'resetPassword' | 'sendSmsCode' | 'verifyCode' | 'verifyToken' | 'verifyChallenge';

function sessionBody(session: SessionRecord, user: UserRecord, origin: string) {
  return { token: session.token, tokenType: 'Bearer' as const, expiresAt: session.expiresAt, user: toProfile(user, origin) };
}

export const authHandlers: Pick<Pocketm8Handlers, AuthOps> = {
  signIn: ({ body, request, world }) => {
    const result = world.services.accounts.signIn(body.login, body.password);
    if (result.kind === 'session') return { status: 200, body: sessionBody(result.session, result.user, request.origin) };
    return {
      status: 200,
      body: {
        message: 'CHALLENGE_REQUIRED',
        challenge: { id: result.id, channel: 'sms', destination: result.destination, expiresAt: result.expiresAt },
      },
    };
  },
  resetPassword: ({ body, world }) => {
    world.services.accounts.requestPasswordReset(body.email);
    return { status: 200, body: { message: 'RESET_TOKEN_SENT' } };
  },
  sendSmsCode: ({ body, world }) => {
    world.services.accounts.sendSignInCode(body.phone);
    return { status: 200, body: { message: 'VERIFICATION_CODE_SENT' } };
  },
  verifyCode: ({ body, request, world }) => {
    const { session, user, isNewUser } = world.services.accounts.verifySignInCode(body.phone, body.code);
    return { status: 200, body: { ...sessionBody(session, user, request.origin), isNewUser } };
  },
  verifyToken: ({ body, world }) => ({ status: 200, body: { message: world.services.accounts.useResetToken(body.token, body.password) } }),
  verifyChallenge: ({ body, request, world }) => {
    const { session, user } = world.services.accounts.verifyChallenge(body.challengeId, body.code);
    return { status: 200, body: sessionBody(session, user, request.origin) };
  },
};
