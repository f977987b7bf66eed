import type { components, operations, SecuredOperation } from '../../../spec/generated/pocketm8.ts';
import type { HandlerMap } from '../../core/handler-types.ts';

export type Pocketm8Handlers = HandlerMap<operations, SecuredOperation>;
export type Schemas = components['schemas'];
