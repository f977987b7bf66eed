import { ApiError } from '../../lib/api-error.ts';
import type { ControlHandlers } from './types.ts';

/** `GET /__mock/worlds`, `PUT` and `DELETE /__mock/worlds/{world}`: the worlds of the whole mock. */
export const worldHandlers: Pick<ControlHandlers, 'listWorlds' | 'putWorld' | 'deleteWorld'> = {
  listWorlds: async ({ world }) => ({ status: 200, body: await world.worlds.list() }),
  putWorld: async ({ params, body, world }) => {
    const { created, world: summary } = await world.worlds.put(params.world, body?.from ?? 'fixtures');
    return { status: created ? 201 : 200, body: summary };
  },
  deleteWorld: async ({ params, world }) => {
    const outcome = await world.worlds.remove(params.world, world.name);
    if (outcome === 'default') throw new ApiError('CONFLICT', { detail: 'the default world cannot be deleted' });
    if (outcome === 'unknown') throw new ApiError('NOT_FOUND', { detail: `no world named ${params.world}` });
    return { status: 204 };
  },
};
