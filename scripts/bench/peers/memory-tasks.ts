import { readFileSync } from 'node:fs';

type Task = Record<string, unknown> & { id: string; status?: string };

/**
 * The ceiling servers' whole back end: the tasks of a `{ "tasks": [...] }` file in memory, a Map
 * by id, a filter and a page in the mock's shape, and a push that is never written anywhere (of
 * a body with a title: the one check, so that an invalid POST gets its 400 here too).
 */
export function memoryTasks(file: string) {
  const tasks = (JSON.parse(readFileSync(file, 'utf8')) as { tasks: Task[] }).tasks;
  const byId = new Map(tasks.map((task) => [task.id, task]));
  let created = 0;
  return {
    get: (id: string): Task | undefined => byId.get(id),
    page(status: string | null, page: number, perPage: number) {
      const found = status === null ? tasks : tasks.filter((task) => task.status === status);
      const start = (page - 1) * perPage;
      return {
        data: found.slice(start, start + perPage),
        meta: { page, perPage, total: found.length, totalPages: Math.ceil(found.length / perPage) },
      };
    },
    /** The new task, or undefined for fields without a title (the bench's invalid POST): a 400. */
    create(fields: Record<string, unknown>): Task | undefined {
      if (typeof fields.title !== 'string' || fields.title === '') return undefined;
      const now = new Date().toISOString();
      created += 1;
      const task: Task = { ...fields, id: `tsk_b${created}`, status: 'open', createdAt: now, updatedAt: now };
      tasks.push(task);
      byId.set(task.id, task);
      return task;
    },
  };
}

/** `--port P --data FILE` from the command line. */
export function peerArgs(argv: readonly string[]): { port: number; data: string } {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    const found = index >= 0 ? argv[index + 1] : undefined;
    if (!found) throw new Error(`missing ${flag}`);
    return found;
  };
  return { port: Number(value('--port')), data: value('--data') };
}
