import type { FaultRule, MockContext } from '../context.ts';
import { ApiError } from '../../lib/api-error.ts';
import type { ControlHandlers, ControlSchemas } from './types.ts';

/** The request body as validated (openapi-typescript splits its `anyOf` into a looser union). */
type FaultFields = Extract<ControlSchemas['FaultRequest'], { path: string }>;

function toFault(rule: FaultRule): ControlSchemas['Fault'] {
  const { id, path, status, times, remaining } = rule;
  return { id, method: rule.method as ControlSchemas['Fault']['method'], path, status, latencyMs: rule.latencyMs ?? 0, times, remaining };
}

export function faultHandlers(context: MockContext): Pick<ControlHandlers, 'listFaults' | 'createFault' | 'clearFaults' | 'deleteFault'> {
  // Ids are never reused, also across resets, so a DELETE cannot hit a newer rule by mistake.
  let created = 0;
  return {
    listFaults: () => ({ status: 200, body: context.faults.map(toFault) }),
    createFault: ({ body }) => {
      const fields = body as FaultFields;
      created += 1;
      const rule: FaultRule = {
        id: `flt_${String(created).padStart(6, '0')}`,
        method: fields.method ?? null,
        path: fields.path,
        status: fields.status ?? null,
        latencyMs: fields.latencyMs ?? null,
        times: fields.times ?? null,
        remaining: fields.times ?? null,
        createdAt: context.clock.iso(),
      };
      context.faults.push(rule);
      return { status: 201, body: toFault(rule) };
    },
    clearFaults: () => {
      context.faults.length = 0;
      return { status: 204 };
    },
    deleteFault: ({ params }) => {
      const index = context.faults.findIndex((rule) => rule.id === params.id);
      if (index < 0) throw new ApiError('NOT_FOUND', { detail: `no fault rule ${params.id}` });
      context.faults.splice(index, 1);
      return { status: 204 };
    },
  };
}
