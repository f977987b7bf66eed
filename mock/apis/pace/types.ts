import type { operations, SecuredOperation } from '../../../spec/generated/pace-user.ts';
import type { HandlerMap } from '../../core/handler-types.ts';
import type { MockContext } from '../context.ts';

/** Built once for every world: each call receives its world as `world`. */
export type PaceHandlers = HandlerMap<operations, SecuredOperation, MockContext>;
