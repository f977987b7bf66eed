import type { MockContext } from '../../context.ts';
import { Profiles } from '../../domain/profile.ts';
import { originOf, toProfile } from '../../domain/views.ts';
import type { Principal } from '../../http/handler-types.ts';
import type { Pocketm8Handlers } from './types.ts';

type ProfileOps = 'getProfile' | 'updateProfile' | 'updateEmail' | 'updatePhone' | 'resendCode' | 'updateAvatar' | 'verifyProfileCode';

export function profileHandlers(context: MockContext): Pick<Pocketm8Handlers, ProfileOps> {
  const profiles = new Profiles(context);
  // Operations with a token always have a principal; the mount layer answered 401 otherwise.
  const me = (principal: Principal | undefined) => principal!.user;
  // Exactly the public page's answer: when the code expires and when a resend may go are in the outbox and Retry-After.
  const codeSent = () => ({ status: 200, body: { message: 'VERIFICATION_CODE_SENT' } }) as const;
  return {
    getProfile: ({ principal, req }) => ({ status: 200, body: toProfile(me(principal), originOf(req)) }),
    updateProfile: ({ principal, body, req }) => ({ status: 200, body: toProfile(profiles.update(me(principal), body), originOf(req)) }),
    updateEmail: ({ principal, body }) => {
      profiles.requestChange(me(principal), 'email', body.email);
      return codeSent();
    },
    updatePhone: ({ principal, body }) => {
      profiles.requestChange(me(principal), 'phone', body.phone);
      return codeSent();
    },
    resendCode: ({ principal, body }) => {
      profiles.resend(me(principal), body.type);
      return codeSent();
    },
    updateAvatar: ({ principal, body, req }) => ({
      status: 200,
      body: toProfile(profiles.setAvatar(me(principal), body.avatarId), originOf(req)),
    }),
    verifyProfileCode: ({ principal, body, req }) => {
      const user = profiles.verify(me(principal), body.type, body.code);
      return {
        status: 200,
        body: { message: body.type === 'email' ? 'EMAIL_UPDATED' : 'PHONE_UPDATED', profile: toProfile(user, originOf(req)) },
      };
    },
  };
}
