import type { MockContext } from '../context.ts';
import { ApiError } from '../../lib/api-error.ts';
import type { PaceHandlers } from './types.ts';

/** CheckUserPhone, UpdateUserPhone and VerifyUserPhone. */
export function phoneHandlers(context: MockContext): PaceHandlers {
  const { pace } = context.services;
  return {
    CheckUserPhone: ({ principal }) => {
      const status = pace.status(principal.user);
      if (status === 'none') throw new ApiError('NOT_FOUND', { detail: 'The user has no phone number.' });
      return { status: status === 'verified' ? 200 : 201 };
    },
    UpdateUserPhone: ({ principal, body, request }) => {
      const outcome = pace.request(principal.user, body.data.attributes.phoneNumber, request.origin);
      return { status: outcome === 'unchanged' ? 200 : 201 };
    },
    VerifyUserPhone: ({ principal, body }) => {
      pace.verify(principal.user, body.code);
      return { status: 200 };
    },
  };
}
