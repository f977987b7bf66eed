import { toProfile } from '../../domain/views.ts';
import type { Pocketm8Handlers } from './types.ts';

type ProfileOps = 'getProfile' | 'updateProfile' | 'updateEmail' | 'updatePhone' | 'resendCode' | 'updateAvatar' | 'verifyProfileCode';

// Exactly the public page's answer: when the code expires and when a resend may go are in the outbox and Retry-After.
const codeSent = () => ({ status: 200, body: { message: 'VERIFICATION_CODE_SENT' } }) as const;

export const profileHandlers: Pick<Pocketm8Handlers, ProfileOps> = {
  getProfile: ({ principal, request }) => ({ status: 200, body: toProfile(principal.user, request.origin) }),
  updateProfile: ({ principal, body, request, world }) => ({
    status: 200,
    body: toProfile(world.services.profiles.update(principal.user, body), request.origin),
  }),
  updateEmail: ({ principal, body, world }) => {
    world.services.profiles.requestChange(principal.user, 'email', body.email);
    return codeSent();
  },
  updatePhone: ({ principal, body, world }) => {
    world.services.profiles.requestChange(principal.user, 'phone', body.phone);
    return codeSent();
  },
  resendCode: ({ principal, body, world }) => {
    world.services.profiles.resend(principal.user, body.type);
    return codeSent();
  },
  updateAvatar: ({ principal, body, request, world }) => ({
    status: 200,
    body: toProfile(world.services.profiles.setAvatar(principal.user, body.avatarId), request.origin),
  }),
  verifyProfileCode: ({ principal, body, request, world }) => {
    const user = world.services.profiles.verify(principal.user, body.type, body.code);
    return {
      status: 200,
      body: { message: body.type === 'email' ? 'EMAIL_UPDATED' : 'PHONE_UPDATED', profile: toProfile(user, request.origin) },
    };
  },
};
