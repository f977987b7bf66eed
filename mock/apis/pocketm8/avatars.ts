import { blobTarget } from '../../domain/uploads.ts';
import { nextId } from '../../domain/ids.ts';
import { toAvatar } from '../../domain/views.ts';
import { ApiError } from '../../lib/api-error.ts';
import { formValidator, readForm } from '../forms.ts';
import { avatarTypeOf } from '../../lib/sniff.ts';
import type { AvatarRecord } from '../../store/data.ts';
import { changed } from '../../store/marks.ts';
import type { Pocketm8Handlers } from './types.ts';

export const avatarHandlers: Pick<Pocketm8Handlers, 'uploadAvatar'> = {
  uploadAvatar: async ({ principal, request, world }) => {
    const { blobs, config, clock } = world;
    const id = nextId(world.data(), 'ava');
    const validate = formValidator(world.assets, 'pocketm8', 'AvatarUploadForm');
    const form = await readForm(request, { fileField: 'file', validate, ...blobTarget(blobs, id, config.limits.avatarBytes) });
    const { stored } = form.file;
    const mimeType = avatarTypeOf(stored.head);
    if (!mimeType) {
      await blobs.delete(id);
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', { detail: 'an avatar must be a PNG, JPEG or WebP image' });
    }
    const avatar: AvatarRecord = { id, ownerId: principal.user.id, mimeType, size: stored.size, blob: id, createdAt: clock.iso() };
    const data = world.data();
    data.avatars.push(avatar);
    changed(data, 'avatars');
    return { status: 201, body: toAvatar(avatar, request.origin) };
  },
};
