import type { MockContext } from '../context.ts';
import { ApiError } from '../../lib/api-error.ts';
import type { ControlHandlers } from './types.ts';

/** `GET /__mock/worlds`, `PUT` and `DELETE /__mock/worlds/{world}`: the worlds of the whole mock. */
export function worldHandlers(context: MockContext): Pick<ControlHandlers, 'listWorlds' | 'putWorld' | 'deleteWorld'> {
  const { worlds } = context;
  return {
    listWorlds: () => ({ status: 200, body: worlds.list() }),
    putWorld: async ({ params, body }) => {
      const { created, world } = await worlds.put(params.world, body?.from ?? 'fixtures');
      return { status: created ? 201 : 200, body: world };
    },
    deleteWorld: async ({ params }) => {
      const outcome = await worlds.remove(params.world, context.world);
      if (outcome === 'default') throw new ApiError('CONFLICT', { detail: 'the default world cannot be deleted' });
      if (outcome === 'unknown') throw new ApiError('NOT_FOUND', { detail: `no world named ${params.world}` });
      return { status: 204 };
    },
  };
}
