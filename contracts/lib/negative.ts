// Shared by the negative suites: the operations of a spec as table rows, their request schemas
// and examples, the error bodies each API documents, and the few resources a path needs.
import { expect } from 'vitest';
import { isJsonObject, type JsonObject } from '../../spec/lib/json-pointer.ts';
import { listOperations } from '../../spec/lib/openapi-walk.ts';
import { pocketm8, type ContractResponse, type UploadPart } from './client.ts';
import { specOf, type ApiName } from './contract-spec.ts';
import type { Task } from './accounts.ts';
import { clockStill } from './clock-lease.ts';
import { dereference, fieldOf, inlineRefs } from './generate.ts';
import { signUpBySms, type TestUser } from './world.ts';

/** One operation of a spec, as a row of an `it.each` table. */
export interface OperationRow {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
}

/** The APIs a backend is judged on. */
export const JUDGED_APIS = ['pocketm8', 'pace'] as const satisfies readonly ApiName[];

/** Every operation of the judged APIs that the spec protects with a token. */
export function securedOperations(): OperationRow[] {
  return JUDGED_APIS.flatMap((api) =>
    specOf(api)
      .operations.filter((operation) => operation.secured)
      .map(({ operationId, method, path }) => ({ api, operationId, method, path })),
  );
}

function rawOperation(api: ApiName, operationId: string): JsonObject {
  const found = listOperations(specOf(api).document).find(({ operation }) => operation.operationId === operationId);
  if (!found) throw new Error(`${api} has no operation ${operationId}`);
  return found.operation;
}

/** The operation's JSON request body: its media type, its schema (dereferenced JSON Schema) and its first example. */
export interface JsonBody {
  mediaType: string;
  schema: JsonObject;
  example: unknown;
}

export function jsonBodyOf(api: ApiName, operationId: string): JsonBody | undefined {
  const { document } = specOf(api);
  const body = inlineRefs(document, rawOperation(api, operationId).requestBody);
  if (!isJsonObject(body) || !isJsonObject(body.content)) return undefined;
  for (const [mediaType, media] of Object.entries(body.content)) {
    if (!isJsonObject(media) || !/[/+]json$/.test(mediaType)) continue;
    const first = isJsonObject(media.examples) ? Object.values(media.examples)[0] : undefined;
    const example = media.example ?? (isJsonObject(first) ? first.value : undefined);
    return { mediaType, schema: dereference(document, media.schema), example };
  }
  return undefined;
}

/** Every operation of the judged APIs that takes a JSON body. */
export function jsonBodyOperations(): (OperationRow & { body: JsonBody })[] {
  return allOperations().flatMap((row) => {
    const body = jsonBodyOf(row.api, row.operationId);
    return body ? [{ ...row, body }] : [];
  });
}

/** Every operation of the judged APIs. */
export function allOperations(): OperationRow[] {
  return JUDGED_APIS.flatMap((api) => specOf(api).operations.map(({ operationId, method, path }) => ({ api, operationId, method, path })));
}

/** A parameter of an operation with its schema as JSON Schema. */
export interface ParameterRow {
  operationId: string;
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonObject;
}

export function parametersOf(api: ApiName, operationId: string): ParameterRow[] {
  const { document } = specOf(api);
  const list = inlineRefs(document, rawOperation(api, operationId).parameters);
  return (Array.isArray(list) ? list : []).filter(isJsonObject).flatMap((parameter) =>
    parameter.in === 'path' || parameter.in === 'query'
      ? [
          {
            operationId,
            name: String(parameter.name),
            in: parameter.in,
            required: parameter.required === true,
            schema: dereference(document, parameter.schema),
          },
        ]
      : [],
  );
}

interface PocketError {
  message: string;
  errors?: { field: string; message: string }[];
}

interface JsonApiError {
  id: string;
  status: string;
  code: string;
  title: string;
  source?: { pointer?: string; parameter?: string };
}

/** A JSON:API error document whose every error carries the status and the response's Request-Id. */
export function paceErrors(res: ContractResponse, status: number): JsonApiError[] {
  expect(res.status, res.text).toBe(status);
  const { errors } = res.body as { errors: JsonApiError[] };
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.status).toBe(String(status));
    expect(error.id, 'errors[].id equals the Request-Id header').toBe(res.headers['request-id']);
  }
  return errors;
}

/** The documented answer to an unknown or missing token. */
export function expectUnauthenticated(api: ApiName, res: ContractResponse): void {
  if (api === 'pace') {
    expect(paceErrors(res, 401).map((error) => error.code)).toContain('UNAUTHENTICATED');
  } else {
    expect(res.status, res.text).toBe(401);
    expect(res.body).toEqual({ message: 'UNAUTHENTICATED' });
  }
}

/** The documented error: Pocketm8 `{message}`, PACE a JSON:API error with that code. */
export function expectError(api: ApiName, res: ContractResponse, status: number, code: string): void {
  if (api === 'pace') {
    expect(paceErrors(res, status).map((error) => error.code)).toContain(code);
  } else {
    expect(res.status, res.text).toBe(status);
    expect((res.body as PocketError).message).toBe(code);
  }
}

/**
 * The answer to a body (or parameter) that breaks the schema: Pocketm8 400 VALIDATION_ERROR whose
 * `errors` name the field, PACE 422 VALIDATION_ERROR with `source.pointer` at it (`source.parameter`
 * for a parameter).
 */
export function expectInvalid(api: ApiName, res: ContractResponse, at: { pointer: string } | { parameter: string }): void {
  if (api === 'pace') {
    const errors = paceErrors(res, 422).filter((error) => error.code === 'VALIDATION_ERROR');
    const sources = errors.map((error) => ('pointer' in at ? error.source?.pointer : error.source?.parameter));
    expect(sources, res.text).toContain('pointer' in at ? at.pointer : at.parameter);
    return;
  }
  expect(res.status, res.text).toBe(400);
  const body = res.body as PocketError;
  expect(body.message).toBe('VALIDATION_ERROR');
  expect(
    (body.errors ?? []).map((error) => error.field),
    res.text,
  ).toContain('pointer' in at ? fieldOf(at.pointer) : at.parameter);
}

/** A valid body must not be refused as invalid; a business answer (404, 409, 422 INVALID_CODE, 429, 502...) is fine. */
export function expectNotInvalid(api: ApiName, res: ContractResponse): void {
  if (api === 'pace') {
    const codes = res.status === 422 ? (res.body as { errors: JsonApiError[] }).errors.map((error) => error.code) : [];
    expect(codes, `a valid body answered as invalid: ${res.text}`).not.toContain('VALIDATION_ERROR');
  } else {
    expect(res.status, `a valid body answered as invalid: ${res.text}`).not.toBe(400);
  }
  // 502 is a documented delivery failure; any other 5xx means the server broke on a valid request.
  expect(res.status >= 500 && res.status !== 502, `server error on a valid request: ${res.status} ${res.text}`).toBe(false);
}

/** Creates a task as this user (201 checked). */
export async function createTask(token: string, body: JsonObject): Promise<Task> {
  const res = await pocketm8('createTask', { token, body });
  expect(res.status, res.text).toBe(201);
  return res.body as Task;
}

/** Uploads a file (`uploadFile`) or an avatar (`uploadAvatar`) as this user (201 checked). */
export async function uploadedAs<T extends { id: string }>(
  operationId: 'uploadFile' | 'uploadAvatar',
  token: string,
  part: UploadPart,
  fields: Record<string, string> = {},
): Promise<T> {
  const res = await pocketm8(operationId, { token, multipart: { fields, files: [part] } });
  expect(res.status, res.text).toBe(201);
  return res.body as T;
}

/** A brand-new user (SMS sign-up), with the clock held still between the send and the verify. */
export const newUser = (): Promise<TestUser> => clockStill(() => signUpBySms());

/** A tag unique to this run and process, for titles and names that other tests cannot collide with. */
export const RUN_TAG = `${Date.now().toString(36)}${process.pid.toString(36)}`;
