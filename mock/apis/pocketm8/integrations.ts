import type { MockContext } from '../context.ts';
import { toFile } from '../../domain/views.ts';
import type { Pocketm8Handlers } from './types.ts';

export function matrixHandlers(context: MockContext): Pick<Pocketm8Handlers, 'linkMatrixFile' | 'unlinkMatrixFile'> {
  const { matrix } = context.services;
  return {
    linkMatrixFile: ({ principal, params, body, request }) => ({
      status: 200,
      body: toFile(matrix.link(principal.user.id, params.fileId, body.roomId), request.origin),
    }),
    unlinkMatrixFile: ({ principal, params, body, request }) => ({
      status: 200,
      body: toFile(matrix.unlink(principal.user.id, params.fileId, body.roomId), request.origin),
    }),
  };
}
