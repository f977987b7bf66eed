import type { MockContext } from '../../context.ts';
import { blobTarget } from '../../domain/uploads.ts';
import { originOf, toFile } from '../../domain/views.ts';
import { createWorkspace } from '../../domain/workspace.ts';
import { ApiError } from '../../lib/api-error.ts';
import { formValidator, readMultipart } from '../../server/multipart.ts';
import { safeFileName } from '../../lib/file-name.ts';
import { paginate } from '../../lib/pagination.ts';
import { fileTypeOf } from '../../lib/sniff.ts';
import type { Pocketm8Handlers } from './types.ts';

export function fileHandlers(
  context: MockContext,
): Pick<Pocketm8Handlers, 'uploadFile' | 'getFiles' | 'getFile' | 'updateFile' | 'deleteFile'> {
  const { files } = createWorkspace(context);
  const validate = formValidator('pocketm8', 'FileUploadForm');
  return {
    uploadFile: async ({ principal, req }) => {
      const { blobs, config } = context;
      const id = files.newId();
      const form = await readMultipart(req, { fileField: 'file', validate, ...blobTarget(blobs, id, config.limits.fileBytes) });
      const { fileName, declaredType, stored } = form.file;
      const name = safeFileName(fileName);
      try {
        const mimeType = fileTypeOf({ head: stored.head, isText: stored.isText, fileName: name, declaredType });
        if (!mimeType) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', { detail: 'the content is not an accepted file type' });
        const { description, taskId } = form.fields;
        const file = files.create(principal!.user.id, { id, name, mimeType, size: stored.size, description: description ?? null, taskId });
        return { status: 201, body: toFile(file, originOf(req)), headers: { Location: `${req.baseUrl}/files/${file.id}` } };
      } catch (error) {
        await blobs.delete(id);
        throw error;
      }
    },
    getFiles: ({ principal, query, req }) => {
      const origin = originOf(req);
      const found = files.list(principal!.user.id, { search: query.search, taskId: query.taskId }).map((file) => toFile(file, origin));
      return { status: 200, body: paginate(found, query.page, query.perPage) };
    },
    getFile: ({ principal, params, req }) => ({ status: 200, body: toFile(files.get(principal!.user.id, params.id), originOf(req)) }),
    updateFile: ({ principal, params, body, req }) => ({
      status: 200,
      body: toFile(files.update(principal!.user.id, params.id, body), originOf(req)),
    }),
    deleteFile: ({ principal, params }) => {
      files.remove(principal!.user.id, params.id);
      return { status: 204 };
    },
  };
}
