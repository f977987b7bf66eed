import type { components, operations, SecuredOperation } from '../../../spec/generated/pocketm8.ts';
import type { HandlerMap } from '../../core/handler-types.ts';
import type { MockContext } from '../context.ts';

/** Built once for every world: each call receives its world as `world`. */
export type Pocketm8Handlers = HandlerMap<operations, SecuredOperation, MockContext>;
export type Schemas = components['schemas'];
