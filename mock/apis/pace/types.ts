import type { operations, SecuredOperation } from '../../../spec/generated/pace-user.ts';
import type { HandlerMap } from '../../core/handler-types.ts';

export type PaceHandlers = HandlerMap<operations, SecuredOperation>;
