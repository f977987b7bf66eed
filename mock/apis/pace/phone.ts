import { ApiError } from '../../lib/api-error.ts';
import type { PaceHandlers } from './types.ts';

/** CheckUserPhone, UpdateUserPhone and VerifyUserPhone. */
export const phoneHandlers: PaceHandlers = {
  CheckUserPhone: ({ principal, world }) => {
    const status = world.services.pace.status(principal.user);
    if (status === 'none') throw new ApiError('NOT_FOUND', { detail: 'The user has no phone number.' });
    return { status: status === 'verified' ? 200 : 201 };
  },
  UpdateUserPhone: ({ principal, body, request, world }) => {
    const outcome = world.services.pace.request(principal.user, body.data.attributes.phoneNumber, request.origin);
    return { status: outcome === 'unchanged' ? 200 : 201 };
  },
  VerifyUserPhone: ({ principal, body, world }) => {
    world.services.pace.verify(principal.user, body.code);
    return { status: 200 };
  },
};
