import type { MockContext } from '../../context.ts';
import type { Principal } from '../../http/handler-types.ts';
import type { OperationSpec } from '../../http/openapi.ts';
import { notYet } from '../../http/not-yet.ts';
import { plainDialect } from '../../http/plain-errors.ts';

export const paceDialect = plainDialect;

export function authorizePace(_principal: Principal, _operation: OperationSpec): void {}

export function paceHandlers(_context: MockContext) {
  return notYet(['CheckUserPhone', 'UpdateUserPhone', 'VerifyUserPhone']);
}
