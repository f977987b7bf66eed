import type { MockContext } from '../../context.ts';
import { PacePhone } from '../../domain/pace.ts';
import { originOf } from '../../domain/views.ts';
import { ApiError } from '../../lib/api-error.ts';
import type { Principal } from '../../core/handler-types.ts';
import type { PaceHandlers } from './types.ts';

/** CheckUserPhone, UpdateUserPhone and VerifyUserPhone. */
export function phoneHandlers(context: MockContext): PaceHandlers {
  const pace = new PacePhone(context);
  // Every PACE operation needs a token; the mount layer answered 401 without one.
  const me = (principal: Principal | undefined) => principal!.user;
  return {
    CheckUserPhone: ({ principal }) => {
      const status = pace.status(me(principal));
      if (status === 'none') throw new ApiError('NOT_FOUND', { detail: 'The user has no phone number.' });
      return { status: status === 'verified' ? 200 : 201 };
    },
    UpdateUserPhone: ({ principal, body, req }) => {
      const outcome = pace.request(me(principal), body.data.attributes.phoneNumber, originOf(req));
      return { status: outcome === 'unchanged' ? 200 : 201 };
    },
    VerifyUserPhone: ({ principal, body }) => {
      pace.verify(me(principal), body.code);
      return { status: 200 };
    },
  };
}
