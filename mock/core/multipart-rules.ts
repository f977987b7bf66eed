import { ApiError, type FieldProblem } from '../lib/api-error.ts';

/**
 * The rules of a `multipart/form-data` upload that every door applies in the same words: the
 * Express door streams the body through busboy (server/multipart.ts), the MSW door parses the
 * bytes it is handed (msw/multipart.ts).
 */

/** Text parts are small (a description, an id); a longer one is cut and refused. */
export const FIELD_BYTES = 16 * 1024;
export const MAX_PARTS = 20;

export const invalidForm = (errors: FieldProblem[]) => new ApiError('VALIDATION_ERROR', { errors });
export const noBoundary = () => invalidForm([{ field: 'body', message: 'is not multipart/form-data with a boundary' }]);
export const malformedForm = (why: string) => invalidForm([{ field: 'body', message: `is not valid multipart/form-data (${why})` }]);
export const fileTooLarge = (maxFileBytes: number) => new ApiError('FILE_TOO_LARGE', { detail: `the file is over ${maxFileBytes} bytes` });

export const PROBLEMS = {
  sentTwice: (field: string): FieldProblem => ({ field, message: 'must be sent once' }),
  notAFile: (field: string): FieldProblem => ({ field, message: 'must be a file part (with a filename)' }),
  tooLong: (field: string): FieldProblem => ({ field, message: `must be at most ${FIELD_BYTES} bytes` }),
  tooMany: (): FieldProblem => ({ field: 'body', message: `must have at most ${MAX_PARTS} parts of each kind` }),
  missing: (field: string): FieldProblem => ({ field, message: 'is required' }),
};
