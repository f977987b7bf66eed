import type { MockContext } from '../../context.ts';
import { notYet } from '../../http/not-yet.ts';
import type { Pocketm8Handlers } from './types.ts';

export function taskHandlers(_context: MockContext): Pick<Pocketm8Handlers, 'createTask' | 'getTasks' | 'getTask' | 'updateTask' | 'updateTaskStatus' | 'deleteTask'> {
  return notYet(['createTask', 'getTasks', 'getTask', 'updateTask', 'updateTaskStatus', 'deleteTask']) as unknown as Pick<Pocketm8Handlers, 'createTask' | 'getTasks' | 'getTask' | 'updateTask' | 'updateTaskStatus' | 'deleteTask'>;
}
