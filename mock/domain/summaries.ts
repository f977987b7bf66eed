import type { components } from '../../spec/generated/pocketm8.ts';
import type { FileRecord, RoomRecord, TaskRecord } from '../store/data.ts';

type Schemas = components['schemas'];

export function toFileSummary(file: FileRecord): Schemas['FileSummary'] {
  return { id: file.id, name: file.name, mimeType: file.mimeType, size: file.size };
}

export function toTaskSummary(task: TaskRecord): Schemas['TaskSummary'] {
  return { id: task.id, title: task.title, status: task.status };
}

export function toRoom(room: RoomRecord): Schemas['MatrixRoom'] {
  return { roomId: room.roomId, name: room.name };
}
