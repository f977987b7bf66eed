import type { MockContext } from '../../context.ts';
import { notYet } from '../../http/not-yet.ts';
import type { Pocketm8Handlers } from './types.ts';

export function matrixHandlers(_context: MockContext): Pick<Pocketm8Handlers, 'linkMatrixFile' | 'unlinkMatrixFile'> {
  return notYet(['linkMatrixFile', 'unlinkMatrixFile']) as unknown as Pick<Pocketm8Handlers, 'linkMatrixFile' | 'unlinkMatrixFile'>;
}
