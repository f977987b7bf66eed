import { nextStatuses, type TaskStatus } from '../lib/status-machine.ts';
import type { Data, FileRecord, RoomRecord, TaskRecord, UserRecord } from '../store/data.ts';
import type { Files } from './files.ts';
import type { Matrix } from './matrix.ts';
import { allUsers } from './people.ts';
import { TASK_PRIORITIES, type Tasks } from './tasks.ts';

export interface TaskEditChoices {
  assignees: UserRecord[];
  files: FileRecord[];
  statuses: readonly TaskStatus[];
  priorities: typeof TASK_PRIORITIES;
}

export interface FileEditChoices {
  tasks: TaskRecord[];
  linkedTaskIds: string[];
  rooms: RoomRecord[];
  linkedRoomIds: string[];
}

/** What an edit form offers, built from the services' visibility rules. */
export class Relations {
  constructor(
    private readonly data: () => Data,
    private readonly services: { tasks: Tasks; files: Files; matrix: Matrix },
  ) {}

  /** For a task being edited (NOT_FOUND when not visible) or, without `taskId`, a new one (`[open]`). */
  taskEdit(userId: string, taskId?: string): TaskEditChoices {
    const task = taskId === undefined ? undefined : this.services.tasks.get(userId, taskId);
    return {
      assignees: allUsers(this.data()),
      files: this.services.files.list(userId),
      statuses: task ? nextStatuses(task.status) : ['open'],
      priorities: TASK_PRIORITIES,
    };
  }

  /** For a file visible to the user (NOT_FOUND otherwise): its tasks and rooms, and the choices. */
  fileEdit(userId: string, fileId: string): FileEditChoices {
    const file = this.services.files.get(userId, fileId);
    return {
      tasks: this.services.tasks.list(userId, { sort: 'title' }).filter((task) => task.status !== 'archived'),
      linkedTaskIds: [...file.taskIds],
      rooms: this.services.matrix.roomsOf(userId),
      linkedRoomIds: file.matrixLinks.map((link) => link.roomId),
    };
  }
}
