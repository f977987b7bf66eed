import { ApiError } from '../lib/api-error.ts';
import { compareIds, compareText } from '../lib/order.ts';
import type { Data, FileRecord, RoomRecord } from '../store/data.ts';
import { changed } from '../store/marks.ts';
import { fileFor } from './access.ts';
import type { Clock } from './clock.ts';

/** Sharing files into Matrix rooms: the file's owner links it to rooms the owner is a member of. */
export class Matrix {
  constructor(
    private readonly data: () => Data,
    private readonly clock: Clock,
  ) {}

  /** The rooms the user is a member of, by name. */
  roomsOf(userId: string): RoomRecord[] {
    return this.data()
      .rooms.filter((room) => room.memberIds.includes(userId))
      .sort((a, b) => compareText(a.name, b.name) || compareIds(a.roomId, b.roomId));
  }

  /** NOT_FOUND (file not visible), FORBIDDEN (not the owner), ROOM_NOT_FOUND (not a room of the user), ALREADY_LINKED. */
  link(userId: string, fileId: string, roomId: string): FileRecord {
    const file = fileFor(this.data(), fileId, userId, 'own');
    if (!this.roomsOf(userId).some((room) => room.roomId === roomId)) throw new ApiError('ROOM_NOT_FOUND');
    if (file.matrixLinks.some((link) => link.roomId === roomId)) throw new ApiError('ALREADY_LINKED');
    const now = this.clock.iso();
    file.matrixLinks.push({ roomId, linkedAt: now });
    file.updatedAt = now;
    changed(this.data(), 'files', file);
    return file;
  }

  /**
   * NOT_FOUND (file not visible), FORBIDDEN (not the owner), NOT_LINKED. Membership is not
   * checked: an owner who left a room can still take the file out of it.
   */
  unlink(userId: string, fileId: string, roomId: string): FileRecord {
    const file = fileFor(this.data(), fileId, userId, 'own');
    if (!file.matrixLinks.some((link) => link.roomId === roomId)) throw new ApiError('NOT_LINKED');
    file.matrixLinks = file.matrixLinks.filter((link) => link.roomId !== roomId);
    file.updatedAt = this.clock.iso();
    changed(this.data(), 'files', file);
    return file;
  }
}
