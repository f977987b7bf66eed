import { isJsonObject, type JsonObject } from '../../mock/core/json-pointer.ts';
import type { OperationSpec } from '../../mock/core/compiled-spec.ts';
import { encodeMultipart } from '../form-data.ts';
import type { SentRequest } from './http-client.ts';
import { resolve } from './schema-arbitrary.ts';

/** A real 1x1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Fixture ids by path parameter, so that a request names something that exists. */
function idFor(path: string, name: string): string {
  if (name === 'fileId' || path.startsWith('/files')) return 'fil_0001';
  if (path.startsWith('/contacts')) return 'cnt_0001';
  return 'tsk_0001';
}

/** The documented example of a request body (the first one), if any. */
export function bodyExample(document: JsonObject, operation: OperationSpec, type: string): unknown {
  const requestBody = resolve(
    document,
    resolve(document, resolve(document, (document.paths as JsonObject)[operation.path])[operation.method]).requestBody,
  );
  const media = isJsonObject(requestBody.content) ? requestBody.content[type] : undefined;
  if (!isJsonObject(media)) return undefined;
  if (media.example !== undefined) return media.example;
  const first = isJsonObject(media.examples) ? Object.values(media.examples)[0] : undefined;
  return isJsonObject(first) ? first.value : undefined;
}

/**
 * A well-formed request to an operation, built from the spec: fixture ids in the path, required
 * query parameters, the documented body example (a small PNG for uploads). Headers other than
 * the content type are left to the caller.
 */
export function exampleRequest(document: JsonObject, operation: OperationSpec, prefix: string): SentRequest {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => idFor(operation.path, name));
  const query = operation.operationId === 'getFileEditRelations' ? '?fileId=fil_0001' : '';
  const request: SentRequest = { method: operation.method.toUpperCase(), path: `${prefix}${path}${query}`, headers: {} };
  const type = operation.requestBody ? [...operation.requestBody.media.keys()][0] : undefined;
  if (type?.startsWith('multipart/')) {
    const { body, contentType } = encodeMultipart([{ name: 'file', value: PNG, filename: 'dot.png', contentType: 'image/png' }]);
    return { ...request, headers: { 'content-type': contentType }, body };
  }
  if (type)
    return {
      ...request,
      headers: { 'content-type': type },
      body: Buffer.from(JSON.stringify(bodyExample(document, operation, type) ?? {})),
    };
  return request;
}
