import { blobTarget } from '../../domain/uploads.ts';
import { toFile } from '../../domain/views.ts';
import { ApiError } from '../../lib/api-error.ts';
import { formValidator, readForm } from '../forms.ts';
import { safeFileName } from '../../lib/file-name.ts';
import { paginate } from '../../lib/pagination.ts';
import { fileTypeOf } from '../../lib/sniff.ts';
import type { Pocketm8Handlers } from './types.ts';

export const fileHandlers: Pick<Pocketm8Handlers, 'uploadFile' | 'getFiles' | 'getFile' | 'updateFile' | 'deleteFile'> = {
  uploadFile: async ({ principal, request, base, world }) => {
    const { blobs, config } = world;
    const { files } = world.services;
    const id = files.newId();
    const validate = formValidator(world.assets, 'pocketm8', 'FileUploadForm');
    const form = await readForm(request, { fileField: 'file', validate, ...blobTarget(blobs, id, config.limits.fileBytes) });
    const { fileName, declaredType, stored } = form.file;
    const name = safeFileName(fileName);
    try {
      const mimeType = fileTypeOf({ head: stored.head, isText: stored.isText, fileName: name, declaredType });
      if (!mimeType) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', { detail: 'the content is not an accepted file type' });
      const { description, taskId } = form.fields;
      const file = files.create(principal.user.id, { id, name, mimeType, size: stored.size, description: description ?? null, taskId });
      return { status: 201, body: toFile(file, request.origin), headers: { Location: `${base}/files/${file.id}` } };
    } catch (error) {
      await blobs.delete(id);
      throw error;
    }
  },
  getFiles: ({ principal, query, request, world }) => {
    const origin = request.origin;
    const found = world.services.files
      .list(principal.user.id, { search: query.search, taskId: query.taskId })
      .map((file) => toFile(file, origin));
    return { status: 200, body: paginate(found, query.page, query.perPage) };
  },
  getFile: ({ principal, params, request, world }) => ({
    status: 200,
    body: toFile(world.services.files.get(principal.user.id, params.id), request.origin),
  }),
  updateFile: ({ principal, params, body, request, world }) => ({
    status: 200,
    body: toFile(world.services.files.update(principal.user.id, params.id, body), request.origin),
  }),
  deleteFile: ({ principal, params, world }) => {
    world.services.files.remove(principal.user.id, params.id);
    return { status: 204 };
  },
};
