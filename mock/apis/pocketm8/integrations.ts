import { toFile } from '../../domain/views.ts';
import type { Pocketm8Handlers } from './types.ts';

export const matrixHandlers: Pick<Pocketm8Handlers, 'linkMatrixFile' | 'unlinkMatrixFile'> = {
  linkMatrixFile: ({ principal, params, body, request, world }) => ({
    status: 200,
    body: toFile(world.services.matrix.link(principal.user.id, params.fileId, body.roomId), request.origin),
  }),
  unlinkMatrixFile: ({ principal, params, body, request, world }) => ({
    status: 200,
    body: toFile(world.services.matrix.unlink(principal.user.id, params.fileId, body.roomId), request.origin),
  }),
};
