import type { components, operations } from '../../../spec/generated/pace-user.ts';
import type { HandlerMap } from '../../core/handler-types.ts';

export type PaceHandlers = HandlerMap<operations>;
export type JsonApiError = components['schemas']['Error'];
export type JsonApiErrors = components['schemas']['Errors'];
