import type { components } from '../../spec/generated/pocketm8.ts';
import type { AvatarRecord, ContactRecord, FileRecord, TaskRecord, UserRecord } from '../store/data.ts';

type Schemas = components['schemas'];

/** Absolute URLs need the origin the client used (`http://localhost:4010`). */
export function avatarUrl(origin: string, avatarId: string | null): string | null {
  return avatarId ? `${origin}/media/avatars/${avatarId}` : null;
}

export function toProfile(user: UserRecord, origin: string): Schemas['Profile'] {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName,
    email: user.email,
    emailVerified: user.emailVerified,
    phone: user.phone,
    phoneVerified: user.phoneVerified,
    avatarUrl: avatarUrl(origin, user.avatarId),
    locale: user.locale,
    twoFactorEnabled: user.twoFactorEnabled,
    pendingEmail: user.pendingEmail,
    pendingPhone: user.pendingPhone,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function toUserSummary(user: UserRecord, origin: string): Schemas['UserSummary'] {
  return { id: user.id, displayName: user.displayName, avatarUrl: avatarUrl(origin, user.avatarId) };
}

export function toContact({ ownerId: _owner, ...contact }: ContactRecord): Schemas['Contact'] {
  return contact;
}

export function toTask(task: TaskRecord): Schemas['Task'] {
  return { ...task, assigneeIds: [...task.assigneeIds], fileIds: [...task.fileIds] };
}

export function toFile({ blob: _blob, ...file }: FileRecord, origin: string): Schemas['File'] {
  return {
    ...file,
    taskIds: [...file.taskIds],
    matrixLinks: file.matrixLinks.map((link) => ({ ...link })),
    url: `${origin}/media/files/${file.id}`,
  };
}

export function toAvatar(avatar: AvatarRecord, origin: string): Schemas['Avatar'] {
  return {
    id: avatar.id,
    url: `${origin}/media/avatars/${avatar.id}`,
    mimeType: avatar.mimeType,
    size: avatar.size,
    createdAt: avatar.createdAt,
  };
}

/** The origin a request came to, for absolute URLs in answers. */
export function originOf(req: { protocol: string; get(name: string): string | undefined }): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
