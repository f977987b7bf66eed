import type { MockContext } from '../../context.ts';
import { originOf, toFile } from '../../domain/views.ts';
import { createWorkspace } from '../../domain/workspace.ts';
import type { Pocketm8Handlers } from './types.ts';

export function matrixHandlers(context: MockContext): Pick<Pocketm8Handlers, 'linkMatrixFile' | 'unlinkMatrixFile'> {
  const { matrix } = createWorkspace(context);
  return {
    linkMatrixFile: ({ principal, params, body, req }) => ({
      status: 200,
      body: toFile(matrix.link(principal!.user.id, params.fileId, body.roomId), originOf(req)),
    }),
    unlinkMatrixFile: ({ principal, params, body, req }) => ({
      status: 200,
      body: toFile(matrix.unlink(principal!.user.id, params.fileId, body.roomId), originOf(req)),
    }),
  };
}
