import type { FaultRule } from '../context.ts';
import { ApiError } from '../../lib/api-error.ts';
import type { ControlHandlers, ControlSchemas } from './types.ts';

/** The request body as validated (openapi-typescript splits its `anyOf` into a looser union). */
type FaultFields = Extract<ControlSchemas['FaultRequest'], { path: string }>;

function toFault(rule: FaultRule): ControlSchemas['Fault'] {
  const { id, path, status, times, remaining } = rule;
  return { id, method: rule.method as ControlSchemas['Fault']['method'], path, status, latencyMs: rule.latencyMs ?? 0, times, remaining };
}

export const faultHandlers: Pick<ControlHandlers, 'listFaults' | 'createFault' | 'clearFaults' | 'deleteFault'> = {
  listFaults: ({ world }) => ({ status: 200, body: world.faults.map(toFault) }),
  createFault: ({ body, world }) => {
    const fields = body as FaultFields;
    world.faultsCreated += 1;
    const rule: FaultRule = {
      id: `flt_${String(world.faultsCreated).padStart(6, '0')}`,
      method: fields.method ?? null,
      path: fields.path,
      status: fields.status ?? null,
      latencyMs: fields.latencyMs ?? null,
      times: fields.times ?? null,
      remaining: fields.times ?? null,
      createdAt: world.clock.iso(),
    };
    world.faults.push(rule);
    return { status: 201, body: toFault(rule) };
  },
  clearFaults: ({ world }) => {
    world.faults.length = 0;
    return { status: 204 };
  },
  deleteFault: ({ params, world }) => {
    const index = world.faults.findIndex((rule) => rule.id === params.id);
    if (index < 0) throw new ApiError('NOT_FOUND', { detail: `no fault rule ${params.id}` });
    world.faults.splice(index, 1);
    return { status: 204 };
  },
};
