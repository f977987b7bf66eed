import type { components, operations } from '../../../spec/generated/mock-control.ts';
import type { HandlerMap } from '../../core/handler-types.ts';

export type ControlHandlers = HandlerMap<operations>;
export type ControlSchemas = components['schemas'];
