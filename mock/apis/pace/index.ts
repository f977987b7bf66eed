import { ApiError } from '../../lib/api-error.ts';
import type { Principal } from '../../core/handler-types.ts';
import type { OperationSpec } from '../../core/compiled-spec.ts';
import { phoneHandlers } from './phone.ts';
import type { PaceHandlers } from './types.ts';

export { paceDialect } from './dialect.ts';

/** A valid token is not enough on PACE: the user also needs a linked identity. */
export function authorizePace(principal: Principal, _operation: OperationSpec): void {
  if (!principal.user.hasLinkedIdentity) throw new ApiError('MISSING_LINKED_IDENTITY');
}

/** Every operation of spec/pace-user.openapi.yaml; one set for every world. */
export const paceHandlers: PaceHandlers = phoneHandlers;
