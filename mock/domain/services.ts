import { Accounts } from './accounts.ts';
import type { DomainDeps } from './deps.ts';
import { Files } from './files.ts';
import { Matrix } from './matrix.ts';
import { PacePhone } from './pace.ts';
import { Profiles } from './profile.ts';
import { Relations } from './relations.ts';
import { Tasks } from './tasks.ts';

/** Every service of one world, built once, each given only what it needs. */
export interface Services {
  accounts: Accounts;
  profiles: Profiles;
  pace: PacePhone;
  tasks: Tasks;
  files: Files;
  matrix: Matrix;
  relations: Relations;
}

export function createServices(deps: DomainDeps): Services {
  const { data, clock, verification, sessions } = deps;
  const tasks = new Tasks(data, clock);
  const files = new Files(data, clock);
  const matrix = new Matrix(data, clock);
  return {
    accounts: new Accounts({ data, clock, verification, sessions }),
    profiles: new Profiles({ data, clock, verification }),
    pace: new PacePhone({ data, clock, verification }),
    tasks,
    files,
    matrix,
    relations: new Relations(data, { tasks, files, matrix }),
  };
}
