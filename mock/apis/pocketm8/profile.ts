import type { MockContext } from '../context.ts';
import { toProfile } from '../../domain/views.ts';
import type { Pocketm8Handlers } from './types.ts';

type ProfileOps = 'getProfile' | 'updateProfile' | 'updateEmail' | 'updatePhone' | 'resendCode' | 'updateAvatar' | 'verifyProfileCode';

export function profileHandlers(context: MockContext): Pick<Pocketm8Handlers, ProfileOps> {
  const { profiles } = context.services;
  const codeSent = ({ expiresAt, resendAvailableAt }: { expiresAt: string; resendAvailableAt: string }) =>
    ({ status: 200, body: { message: 'VERIFICATION_CODE_SENT', expiresAt, resendAvailableAt } }) as const;
  return {
    getProfile: ({ principal, request }) => ({ status: 200, body: toProfile(principal.user, request.origin) }),
    updateProfile: ({ principal, body, request }) => ({
      status: 200,
      body: toProfile(profiles.update(principal.user, body), request.origin),
    }),
    updateEmail: ({ principal, body }) => codeSent(profiles.requestChange(principal.user, 'email', body.email)),
    updatePhone: ({ principal, body }) => codeSent(profiles.requestChange(principal.user, 'phone', body.phone)),
    resendCode: ({ principal, body }) => codeSent(profiles.resend(principal.user, body.type)),
    updateAvatar: ({ principal, body, request }) => ({
      status: 200,
      body: toProfile(profiles.setAvatar(principal.user, body.avatarId), request.origin),
    }),
    verifyProfileCode: ({ principal, body, request }) => {
      const user = profiles.verify(principal.user, body.type, body.code);
      return {
        status: 200,
        body: { message: body.type === 'email' ? 'EMAIL_UPDATED' : 'PHONE_UPDATED', profile: toProfile(user, request.origin) },
      };
    },
  };
}
