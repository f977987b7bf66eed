import type { MockContext, Snapshot } from '../context.ts';
import { ApiError } from '../../lib/api-error.ts';
import { copyState, restoreState } from './state-copy.ts';
import type { ControlHandlers } from './types.ts';

export function stateHandlers(
  context: MockContext,
): Pick<ControlHandlers, 'resetState' | 'listSnapshots' | 'createSnapshot' | 'restoreSnapshot'> {
  return {
    resetState: async () => {
      await context.reset();
      return { status: 200, body: { message: 'RESET' } };
    },
    listSnapshots: () => ({
      status: 200,
      body: [...context.snapshots.values()].reverse().map(({ name, createdAt }) => ({ name, createdAt })),
    }),
    createSnapshot: async ({ params }) => {
      const snapshot: Snapshot = { name: params.name, createdAt: context.clock.iso(), ...(await copyState(context)) };
      // Deleted first so that a replaced snapshot counts as the newest.
      context.snapshots.delete(params.name);
      context.snapshots.set(params.name, snapshot);
      return { status: 201, body: { name: snapshot.name, createdAt: snapshot.createdAt } };
    },
    restoreSnapshot: async ({ params }) => {
      const snapshot = context.snapshots.get(params.name);
      if (!snapshot) throw new ApiError('NOT_FOUND', { detail: `no snapshot named ${params.name}` });
      await restoreState(context, snapshot);
      context.bus.emit('reset', { message: 'RESTORED', name: snapshot.name });
      return { status: 200, body: { name: snapshot.name, restoredAt: context.clock.iso() } };
    },
  };
}
