import { FIELD_BYTES, fileTooLarge, invalidForm, malformedForm, MAX_PARTS, noBoundary, PROBLEMS } from '../core/multipart-rules.ts';
import type { MultipartForm, MultipartOptions } from '../core/request.ts';
import type { FieldProblem } from '../lib/api-error.ts';
import { streamOf } from '../store/bytes.ts';
import { parseContentType, parseForm } from './multipart-parse.ts';

/**
 * A `multipart/form-data` body the MSW door holds in memory, read as the Express door reads one
 * from the socket (server/multipart.ts, busboy): the file part to `receive`, the text parts
 * collected, the same problems, limits and error answers, in the order busboy's events come.
 */
export async function readMultipartBytes<T>(
  contentType: string | undefined,
  body: Uint8Array,
  options: MultipartOptions<T>,
): Promise<MultipartForm<T>> {
  const type = contentType === undefined ? undefined : parseContentType(contentType);
  const boundary = type?.params.boundary;
  if (type?.type !== 'multipart' || type.subtype !== 'form-data' || typeof boundary !== 'string') throw noBoundary();
  const parsed = parseForm(body, boundary, {
    fileSize: options.maxFileBytes + 1,
    fieldSize: FIELD_BYTES,
    files: MAX_PARTS,
    fields: MAX_PARTS,
  });

  const form = new Map<string, unknown>();
  const problems: FieldProblem[] = [];
  let upload: { fileName: string | undefined; declaredType: string; pending: Promise<T> } | undefined;
  const fail = async (error: unknown): Promise<never> => {
    await upload?.pending.then(options.discard, () => undefined);
    throw error;
  };

  for (const event of parsed.events) {
    if (event.kind === 'error') return fail(malformedForm(event.message));
    if (event.kind === 'filesLimit' || event.kind === 'fieldsLimit') problems.push(PROBLEMS.tooMany());
    if (event.kind === 'file') {
      // busboy hands an unnamed part over as `undefined`, and so does this (the same answer follows).
      const name = event.name as string;
      if (name !== options.fileField || upload) {
        if (name === options.fileField) problems.push(PROBLEMS.sentTwice(name));
        else form.set(name, event.fileName ?? '');
        continue;
      }
      form.set(name, event.fileName ?? '');
      if (event.limited) return fail(fileTooLarge(options.maxFileBytes));
      upload = { fileName: event.fileName, declaredType: event.mimeType, pending: options.receive(streamOf(event.bytes)) };
      upload.pending.catch(() => undefined);
    }
    if (event.kind === 'field') {
      // busboy hands an unnamed part over as `undefined`, and so does this (the same answer follows).
      const name = event.name as string;
      if (name === options.fileField) problems.push(PROBLEMS.notAFile(name));
      else if (form.has(name)) problems.push(PROBLEMS.sentTwice(name));
      else if (event.truncated) problems.push(PROBLEMS.tooLong(name));
      if (!form.has(name)) form.set(name, event.value);
    }
  }
  if (!parsed.complete) return fail(malformedForm('Unexpected end of form'));

  const check = () => [...problems, ...options.validate(Object.fromEntries(form))];
  if (!upload) {
    const all = check();
    throw invalidForm(all.length > 0 ? all : [PROBLEMS.missing(options.fileField)]);
  }
  const { fileName, declaredType, pending } = upload;
  const stored = await pending;
  const all = check();
  if (all.length > 0) return fail(invalidForm(all));
  form.delete(options.fileField);
  return { file: { fileName, declaredType, stored }, fields: Object.fromEntries(form) as Record<string, string> };
}
