import type { MockContext } from '../context.ts';
import { blobTarget } from '../../domain/uploads.ts';
import { toFile } from '../../domain/views.ts';
import { ApiError } from '../../lib/api-error.ts';
import { formValidator, readForm } from '../forms.ts';
import { safeFileName } from '../../lib/file-name.ts';
import { paginate } from '../../lib/pagination.ts';
import { fileTypeOf } from '../../lib/sniff.ts';
import type { Pocketm8Handlers } from './types.ts';

export function fileHandlers(
  context: MockContext,
): Pick<Pocketm8Handlers, 'uploadFile' | 'getFiles' | 'getFile' | 'updateFile' | 'deleteFile'> {
  const { files } = context.services;
  const validate = formValidator(context.assets, 'pocketm8', 'FileUploadForm');
  return {
    uploadFile: async ({ principal, request, base }) => {
      const { blobs, config } = context;
      const id = files.newId();
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
    getFiles: ({ principal, query, request }) => {
      const origin = request.origin;
      const found = files.list(principal.user.id, { search: query.search, taskId: query.taskId }).map((file) => toFile(file, origin));
      return { status: 200, body: paginate(found, query.page, query.perPage) };
    },
    getFile: ({ principal, params, request }) => ({ status: 200, body: toFile(files.get(principal.user.id, params.id), request.origin) }),
    updateFile: ({ principal, params, body, request }) => ({
      status: 200,
      body: toFile(files.update(principal.user.id, params.id, body), request.origin),
    }),
    deleteFile: ({ principal, params }) => {
      files.remove(principal.user.id, params.id);
      return { status: 204 };
    },
  };
}
