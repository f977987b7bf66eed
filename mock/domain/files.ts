import { compareIds, compareNullsLast } from '../lib/order.ts';
import { matchesSearch } from '../lib/pagination.ts';
import type { Data, FileRecord } from '../store/data.ts';
import { changed } from '../store/marks.ts';
import { attach, canSeeFile, detach, fileFor, taskFor, visibleTaskIds } from './access.ts';
import type { Clock } from './clock.ts';
import { nextId } from './ids.ts';

export interface FileFilter {
  search?: string;
  taskId?: string;
}

export interface NewFile {
  /** From `newId()`, taken before the bytes were stored under it. */
  id: string;
  name: string;
  mimeType: string;
  size: number;
  description: string | null;
  /** A task visible to the owner, to attach the file to. */
  taskId?: string;
}

/** Files: who sees them (owner, users of their tasks), who changes them (owner), their task links. */
export class Files {
  constructor(
    private readonly data: () => Data,
    private readonly clock: Clock,
  ) {}

  /** An id for a file about to be uploaded; its bytes are stored under it (never under the client's name). */
  newId(): string {
    return nextId(this.data(), 'fil');
  }

  /** The files the user can see, newest first. */
  list(userId: string, filter: FileFilter = {}): FileRecord[] {
    const tasks = visibleTaskIds(this.data(), userId);
    return this.data()
      .files.filter((file) => canSeeFile(file, userId, tasks))
      .filter((file) => filter.taskId === undefined || file.taskIds.includes(filter.taskId))
      .filter((file) => matchesSearch(filter.search, file.name, file.description))
      .sort((a, b) => compareNullsLast(a.createdAt, b.createdAt, -1) || compareIds(b.id, a.id));
  }

  get(userId: string, id: string): FileRecord {
    return fileFor(this.data(), id, userId, 'read');
  }

  /** Records an uploaded file; NOT_FOUND (and nothing recorded) when the task is not visible. */
  create(userId: string, upload: NewFile): FileRecord {
    const data = this.data();
    const task = upload.taskId === undefined ? undefined : taskFor(data, upload.taskId, userId, 'read');
    const now = this.clock.iso();
    const file: FileRecord = {
      id: upload.id,
      name: upload.name,
      mimeType: upload.mimeType,
      size: upload.size,
      description: upload.description,
      ownerId: userId,
      taskIds: [],
      matrixLinks: [],
      blob: upload.id,
      createdAt: now,
      updatedAt: now,
    };
    data.files.push(file);
    changed(data, 'files');
    if (task) attach(data, task, file, now);
    return file;
  }

  /** Renames a file or changes its description; the owner only. */
  update(userId: string, id: string, changes: { name?: string; description?: string | null }): FileRecord {
    const data = this.data();
    const file = fileFor(data, id, userId, 'own');
    if (changes.name !== undefined) file.name = changes.name;
    if (changes.description !== undefined) file.description = changes.description;
    file.updatedAt = this.clock.iso();
    changed(data, 'files', file);
    return file;
  }

  /**
   * Deletes a file's record (the owner only), detached from its tasks; its Matrix links go with
   * it. The bytes stay in the blob store so that a snapshot taken before can bring the file back.
   */
  remove(userId: string, id: string): void {
    const data = this.data();
    const file = fileFor(data, id, userId, 'own');
    const now = this.clock.iso();
    for (const task of data.tasks) if (task.fileIds.includes(file.id)) detach(data, task, file, now);
    file.matrixLinks = [];
    data.files = data.files.filter((candidate) => candidate.id !== file.id);
    changed(data, 'files');
  }
}
