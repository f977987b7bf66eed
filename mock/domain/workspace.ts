import type { Data } from '../store/data.ts';
import type { Clock } from './clock.ts';
import { Files } from './files.ts';
import { Matrix } from './matrix.ts';
import { Relations } from './relations.ts';
import { Tasks } from './tasks.ts';

export interface Workspace {
  tasks: Tasks;
  files: Files;
  matrix: Matrix;
  relations: Relations;
}

/** The services over tasks, files and Matrix rooms, sharing one store and clock. */
export function createWorkspace(deps: { data(): Data; clock: Clock }): Workspace {
  const data = () => deps.data();
  const tasks = new Tasks(data, deps.clock);
  const files = new Files(data, deps.clock);
  const matrix = new Matrix(data, deps.clock);
  return { tasks, files, matrix, relations: new Relations(data, { tasks, files, matrix }) };
}
