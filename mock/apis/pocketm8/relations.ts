import type { MockContext } from '../../context.ts';
import { notYet } from '../../http/not-yet.ts';
import type { Pocketm8Handlers } from './types.ts';

export function relationHandlers(_context: MockContext): Pick<Pocketm8Handlers, 'getTaskEditRelations' | 'getFileEditRelations'> {
  return notYet(['getTaskEditRelations', 'getFileEditRelations']) as unknown as Pick<Pocketm8Handlers, 'getTaskEditRelations' | 'getFileEditRelations'>;
}
