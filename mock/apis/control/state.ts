import type { Snapshot } from '../context.ts';
import { ApiError } from '../../lib/api-error.ts';
import { copyState, restoreState } from './state-copy.ts';
import type { ControlHandlers } from './types.ts';

export const stateHandlers: Pick<ControlHandlers, 'resetState' | 'listSnapshots' | 'createSnapshot' | 'restoreSnapshot'> = {
  resetState: async ({ world }) => {
    await world.reset();
    return { status: 200, body: { message: 'RESET' } };
  },
  listSnapshots: ({ world }) => ({
    status: 200,
    body: [...world.snapshots.values()].reverse().map(({ name, createdAt }) => ({ name, createdAt })),
  }),
  createSnapshot: async ({ params, world }) => {
    const snapshot: Snapshot = { name: params.name, createdAt: world.clock.iso(), ...(await copyState(world)) };
    // Deleted first so that a replaced snapshot counts as the newest.
    world.snapshots.delete(params.name);
    world.snapshots.set(params.name, snapshot);
    return { status: 201, body: { name: snapshot.name, createdAt: snapshot.createdAt } };
  },
  restoreSnapshot: async ({ params, world }) => {
    const snapshot = world.snapshots.get(params.name);
    if (!snapshot) throw new ApiError('NOT_FOUND', { detail: `no snapshot named ${params.name}` });
    await restoreState(world, snapshot);
    world.bus.emit('reset', { message: 'RESTORED', name: snapshot.name });
    return { status: 200, body: { name: snapshot.name, restoredAt: world.clock.iso() } };
  },
};
