import type { MockContext } from '../context.ts';
import { toProfile } from '../../domain/views.ts';
import type { Pocketm8Handlers } from './types.ts';

type ProfileOps = 'getProfile' | 'updateProfile' | 'updateEmail' | 'updatePhone' | 'resendCode' | 'updateAvatar' | 'verifyProfileCode';

export function profileHandlers(context: MockContext): Pick<Pocketm8Handlers, ProfileOps> {
  const { profiles } = context.services;
  // Exactly the public page's answer: when the code expires and when a resend may go are in the outbox and Retry-After.
  const codeSent = () => ({ status: 200, body: { message: 'VERIFICATION_CODE_SENT' } }) as const;
  return {
    getProfile: ({ principal, request }) => ({ status: 200, body: toProfile(principal.user, request.origin) }),
    updateProfile: ({ principal, body, request }) => ({
      status: 200,
      body: toProfile(profiles.update(principal.user, body), request.origin),
    }),
    updateEmail: ({ principal, body }) => {
      profiles.requestChange(principal.user, 'email', body.email);
      return codeSent();
    },
    updatePhone: ({ principal, body }) => {
      profiles.requestChange(principal.user, 'phone', body.phone);
      return codeSent();
    },
    resendCode: ({ principal, body }) => {
      profiles.resend(principal.user, body.type);
      return codeSent();
    },
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
