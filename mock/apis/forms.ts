import type { MockAssets } from '../core/assets.ts';
import type { CoreRequest, MultipartForm, MultipartOptions } from '../core/request.ts';
import type { SpecName } from '../core/spec-names.ts';
import { toProblems } from '../core/spec-compiler.ts';
import { ApiError, type FieldProblem } from '../lib/api-error.ts';

/** Streams an upload's `multipart/form-data` body through the door that brought it. */
export function readForm<T>(request: CoreRequest, options: MultipartOptions<T>): Promise<MultipartForm<T>> {
  if (!request.body) return Promise.reject(new ApiError('VALIDATION_ERROR', { errors: [{ field: 'body', message: 'is required' }] }));
  return request.body.multipart(options);
}

/**
 * A `validate` for readForm from a schema of a spec (`FileUploadForm`), compiled on the first
 * upload (most runs of the mock see none) by the spec's own validators.
 */
export function formValidator(assets: MockAssets, spec: SpecName, schemaName: string): (form: Record<string, unknown>) => FieldProblem[] {
  return (form) => {
    const check = assets.spec(spec).schema(schemaName);
    return check(form) ? [] : toProblems(check.errors);
  };
}
