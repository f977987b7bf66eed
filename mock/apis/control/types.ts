import type { components, operations, SecuredOperation } from '../../../spec/generated/mock-control.ts';
import type { HandlerMap } from '../../core/handler-types.ts';
import type { MockContext } from '../context.ts';

/** Built once for every world: each call receives its world as `world`. */
export type ControlHandlers = HandlerMap<operations, SecuredOperation, MockContext>;
export type ControlSchemas = components['schemas'];
