import type { components, operations, SecuredOperation } from '../../../spec/generated/mock-control.ts';
import type { HandlerMap } from '../../core/handler-types.ts';

export type ControlHandlers = HandlerMap<operations, SecuredOperation>;
export type ControlSchemas = components['schemas'];
