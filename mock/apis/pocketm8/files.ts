import type { MockContext } from '../../context.ts';
import { notYet } from '../../http/not-yet.ts';
import type { Pocketm8Handlers } from './types.ts';

export function fileHandlers(_context: MockContext): Pick<Pocketm8Handlers, 'uploadFile' | 'getFiles' | 'getFile' | 'updateFile' | 'deleteFile'> {
  return notYet(['uploadFile', 'getFiles', 'getFile', 'updateFile', 'deleteFile']) as unknown as Pick<Pocketm8Handlers, 'uploadFile' | 'getFiles' | 'getFile' | 'updateFile' | 'deleteFile'>;
}
