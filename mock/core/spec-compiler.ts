import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FieldProblem } from '../lib/api-error.ts';
import { encodePointerToken, getAtPointer, isJsonObject, type JsonObject } from './json-pointer.ts';
import { listOperations, type HttpMethod } from './openapi-walk.ts';
import { problemMessage } from './problem-messages.ts';
import { SpecValidators, type GeneratedValidators } from './spec-validators.ts';

export type { GeneratedValidators } from './spec-validators.ts';

/** One problem found in a request against the spec. */
export type { FieldProblem } from '../lib/api-error.ts';

/** One operation of a spec, with its validators compiled once at start-up. */
export interface OperationSpec {
  operationId: string;
  method: HttpMethod;
  /** The spec's path (`/tasks/{id}`). */
  path: string;
  secured: boolean;
  deprecated: boolean;
  /** Whether any query parameter is declared (else the query string need not be read). */
  hasQuery: boolean;
  /** Coerces and checks path and query parameters; answers the problems found. */
  checkParameters(
    params: Record<string, string>,
    query: Record<string, unknown>,
  ): { params: JsonObject; query: JsonObject; problems: FieldProblem[] };
  requestBody?: {
    required: boolean;
    /** Media type -> body validator (undefined for multipart: its handler checks the parts). */
    media: Map<string, ValidateFunction | undefined>;
  };
  responses: Map<string, ResponseSpec>;
}

export interface ResponseSpec {
  media: Map<string, ValidateFunction | undefined>;
  requiredHeaders: string[];
  /** Checks a declared header's value against its schema, by lower-cased name; answers the problems. */
  headerChecks: Map<string, (value: string) => string[]>;
  /** The first documented example and its media type (answers a forced `Prefer: code=`). */
  example?: { contentType: string; value: unknown };
}

function firstExample(document: JsonObject, content: unknown): ResponseSpec['example'] {
  if (!isJsonObject(content)) return undefined;
  for (const [contentType, entry] of Object.entries(content)) {
    if (!isJsonObject(entry)) continue;
    if (entry.example !== undefined) return { contentType, value: entry.example };
    const first = isJsonObject(entry.examples) ? Object.values(entry.examples)[0] : undefined;
    if (first !== undefined) return { contentType, value: deref(document, first).value };
  }
  return undefined;
}

export interface LoadedSpec {
  document: JsonObject;
  operations: OperationSpec[];
  /** The validator of `#/components/schemas/<name>`; throws when there is none. */
  schema(name: string): ValidateFunction;
  /** Every validator of the spec, by site: which are generated, and what scripts/standalone-validators.ts generates code for. */
  validators: SpecValidators;
}

/** Follows a `$ref` to a component (parameter, response, request body, header); schemas are left to Ajv. */
function deref(document: JsonObject, node: unknown): JsonObject {
  return derefAt(document, node, '').node;
}

/** deref, and the pointer of what it found (`pointer` itself when `node` is no `$ref`). */
function derefAt(document: JsonObject, node: unknown, pointer: string): { node: JsonObject; pointer: string } {
  let current = node;
  let at = pointer;
  for (let hops = 0; isJsonObject(current) && typeof current.$ref === 'string'; hops += 1) {
    if (hops > 10) throw new Error(`$ref loop at ${current.$ref}`);
    at = current.$ref.slice(1);
    current = getAtPointer(document, current.$ref);
  }
  if (!isJsonObject(current)) throw new Error('dangling $ref in the spec');
  return { node: current, pointer: at };
}

/** `pointer` and one more token. */
const under = (pointer: string, token: string | number) => `${pointer}/${encodePointerToken(String(token))}`;

/** Turns Ajv errors into the `errors` list of the error body. */
export function toProblems(errors: readonly ErrorObject[] | null | undefined, root?: string): FieldProblem[] {
  const problems = new Map<string, FieldProblem>();
  for (const error of errors ?? []) {
    let tokens = error.instancePath
      .split('/')
      .slice(1)
      .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (error.keyword === 'required') tokens = [...tokens, String(error.params.missingProperty)];
    else if (error.keyword === 'additionalProperties') tokens = [...tokens, String(error.params.additionalProperty)];
    const field = tokens.length > 0 ? tokens.join('.') : (root ?? 'body');
    const pointer = `/${tokens.map((token) => token.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
    const message = problemMessage(error);
    problems.set(`${field}\n${message}`, { field, message, pointer: tokens.length > 0 ? pointer : '' });
  }
  return [...problems.values()];
}

function coerce(value: unknown, schema: JsonObject): unknown {
  if (Array.isArray(value)) return value.length === 1 ? coerce(value[0], schema) : value;
  if (typeof value !== 'string') return value;
  const type = schema.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** A Parameter Object and where it is written (after its `$ref`). */
interface ParameterAt {
  node: JsonObject;
  pointer: string;
}

function compileParameters(document: JsonObject, validators: SpecValidators, list: ParameterAt[]) {
  const compiled = list
    .filter(({ node }) => node.in === 'path' || node.in === 'query')
    .map(({ node: parameter, pointer }) => {
      const schema = isJsonObject(parameter.schema) ? parameter.schema : {};
      const resolved = deref(document, schema);
      return {
        name: String(parameter.name),
        in: String(parameter.in),
        required: parameter.required === true,
        resolved,
        validate: validators.at(`${pointer}/schema`, schema),
      };
    });
  return (params: Record<string, string>, query: Record<string, unknown>) => {
    const out = { params: {} as JsonObject, query: {} as JsonObject, problems: [] as FieldProblem[] };
    for (const parameter of compiled) {
      const source = parameter.in === 'path' ? params : query;
      const raw = source[parameter.name];
      if (raw === undefined || raw === '') {
        if (parameter.required) out.problems.push({ field: parameter.name, parameter: parameter.name, message: 'is required' });
        continue;
      }
      const value = coerce(raw, parameter.resolved);
      if (!parameter.validate(value)) {
        for (const problem of toProblems(parameter.validate.errors, parameter.name)) {
          out.problems.push({ field: parameter.name, parameter: parameter.name, message: problem.message });
        }
        continue;
      }
      (parameter.in === 'path' ? out.params : out.query)[parameter.name] = value;
    }
    return out;
  };
}

function compileHeaders(document: JsonObject, validators: SpecValidators, headers: JsonObject, at: string): ResponseSpec['headerChecks'] {
  const checks: ResponseSpec['headerChecks'] = new Map();
  for (const [name, header] of Object.entries(headers)) {
    const { node, pointer } = derefAt(document, header, under(at, name));
    const { schema } = node;
    if (!isJsonObject(schema)) continue;
    const resolved = deref(document, schema);
    const validate = validators.at(`${pointer}/schema`, schema);
    checks.set(name.toLowerCase(), (value) =>
      validate(coerce(value, resolved))
        ? []
        : toProblems(validate.errors, `header ${name}`).map(({ field, message }) => `${field} ${message}`),
    );
  }
  return checks;
}

function compileMedia(validators: SpecValidators, content: unknown, at: string) {
  const media = new Map<string, ValidateFunction | undefined>();
  if (!isJsonObject(content)) return media;
  for (const [type, entry] of Object.entries(content)) {
    const schema = isJsonObject(entry) ? entry.schema : undefined;
    const pointer = `${under(under(at, 'content'), type)}/schema`;
    if (schema === undefined || type.startsWith('text/')) {
      media.set(type, undefined);
      continue;
    }
    const validate = validators.at(pointer, schema);
    // A multipart body streams through its handler, which checks the parts with the form's schema
    // (`schema(name)`); its site is still listed, so that its code is generated too.
    media.set(type, type.startsWith('multipart/') ? undefined : validate);
  }
  return media;
}

/**
 * Compiles an OpenAPI 3.0 document: a validator for every parameter set, request body and
 * response body it declares, taken from `generated` (code generated ahead of time for this very
 * document: the caller checks its fingerprint) where it holds one, else compiled on first use.
 * `id` names the document for Ajv's `$ref`s. No file system: the server reads documents from disk
 * (compiled-spec.ts), the MSW bundle carries them inside.
 */
export function compileSpec(document: JsonObject, id: string, generated?: GeneratedValidators): LoadedSpec {
  const validators = new SpecValidators(document, id, generated);
  const globalSecurity = Array.isArray(document.security) ? document.security : [];
  const operations = listOperations(document).map(({ path, method, operation }): OperationSpec => {
    const item = derefAt(document, (document.paths as JsonObject)[path], under('/paths', path));
    const at = under(item.pointer, method);
    const listed = (owner: JsonObject, pointer: string): ParameterAt[] =>
      (Array.isArray(owner.parameters) ? owner.parameters : []).map((parameter, index) =>
        derefAt(document, parameter, under(`${pointer}/parameters`, index)),
      );
    const parameters = [...listed(item.node, item.pointer), ...listed(operation, at)];
    const security = Array.isArray(operation.security) ? operation.security : globalSecurity;
    const body = operation.requestBody === undefined ? undefined : derefAt(document, operation.requestBody, `${at}/requestBody`);
    const responses = new Map<string, ResponseSpec>();
    for (const [status, response] of Object.entries(isJsonObject(operation.responses) ? operation.responses : {})) {
      const { node: resolved, pointer } = derefAt(document, response, under(`${at}/responses`, status));
      const headers = isJsonObject(resolved.headers) ? resolved.headers : {};
      responses.set(status, {
        media: compileMedia(validators, resolved.content, pointer),
        example: firstExample(document, resolved.content),
        requiredHeaders: Object.entries(headers)
          .filter(([, header]) => deref(document, header).required === true)
          .map(([name]) => name),
        headerChecks: compileHeaders(document, validators, headers, `${pointer}/headers`),
      });
    }
    return {
      operationId: String(operation.operationId),
      method,
      path,
      secured:
        security.some((requirement) => isJsonObject(requirement) && Object.keys(requirement).length > 0) &&
        !security.some((requirement) => isJsonObject(requirement) && Object.keys(requirement).length === 0),
      deprecated: operation.deprecated === true,
      hasQuery: parameters.some(({ node }) => node.in === 'query'),
      checkParameters: compileParameters(document, validators, parameters),
      requestBody: body && { required: body.node.required === true, media: compileMedia(validators, body.node.content, body.pointer) },
      responses,
    };
  });
  const schema = (name: string) => {
    const ref = `#/components/schemas/${encodePointerToken(name)}`;
    if (!isJsonObject(getAtPointer(document, ref))) throw new Error(`${id} has no schema ${name}`);
    return validators.at(ref.slice(1), { $ref: ref });
  };
  return { document, operations, schema, validators };
}

/** The media type of a Content-Type or Accept entry, lower-cased, without parameters. */
export function mediaTypeOf(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** The declared media type that covers `type`: the type itself, its range (`image/\*`) or the range of all types. */
export function matchMediaType(media: ReadonlyMap<string, unknown>, type: string): string | undefined {
  if (media.has(type)) return type;
  const range = `${type.split('/')[0]}/*`;
  if (media.has(range)) return range;
  return media.has('*/*') ? '*/*' : undefined;
}

/**
 * What is wrong with the parameters of a response's Content-Type: JSON:API's media type allows none
 * but `ext` and `profile` (jsonapi.org/format, content negotiation), so `charset=utf-8` is one too
 * many; other types take any.
 */
export function mediaTypeParameterProblem(contentType: string | undefined): string | undefined {
  if (mediaTypeOf(contentType) !== 'application/vnd.api+json') return undefined;
  const names = (contentType ?? '')
    .split(';')
    .slice(1)
    .map((parameter) => parameter.split('=')[0]?.trim().toLowerCase() ?? '');
  const refused = names.filter((name) => name !== 'ext' && name !== 'profile');
  return refused.length > 0 ? `content type ${contentType} has a parameter JSON:API does not allow (only ext and profile)` : undefined;
}

/** A response as seen on the wire (or about to be sent). */
export interface ObservedResponse {
  status: number;
  contentType: string | undefined;
  headerNames: readonly string[];
  /** Header values by lower-cased name, where known: each declared one is checked against its schema. */
  headers?: Readonly<Record<string, string | undefined>>;
  /** Whether bytes came (or will come) with it. */
  hasBody: boolean;
  /** The parsed JSON body; undefined when not JSON or not read (streams). */
  body?: unknown;
  /** True when the body is streamed and not checked against a schema. */
  streamed?: boolean;
}

/** What the spec says is wrong with a response: undocumented status, missing header, content type, body. */
export function checkResponse(operation: OperationSpec, response: ObservedResponse): string[] {
  const declared = operation.responses.get(String(response.status)) ?? operation.responses.get('default');
  if (!declared) return [`status ${response.status} is not documented`];
  const problems: string[] = [];
  const names = response.headerNames.map((name) => name.toLowerCase());
  for (const header of declared.requiredHeaders) {
    if (!names.includes(header.toLowerCase())) problems.push(`header ${header} is missing`);
  }
  for (const [name, check] of declared.headerChecks) {
    const value = response.headers?.[name];
    if (typeof value === 'string') problems.push(...check(value));
  }
  if (declared.media.size === 0) {
    if (response.hasBody) problems.push(`status ${response.status} documents no body`);
    return problems;
  }
  if (!response.hasBody) return [...problems, `status ${response.status} needs a body`];
  const type = mediaTypeOf(response.contentType) ?? '';
  const match = matchMediaType(declared.media, type);
  if (match === undefined) return [...problems, `content type ${type || '(none)'} is not documented for ${response.status}`];
  const parameterProblem = mediaTypeParameterProblem(response.contentType);
  if (parameterProblem) problems.push(parameterProblem);
  if (response.streamed) return problems;
  const validate = declared.media.get(match);
  if (validate && !validate(response.body)) {
    problems.push(...toProblems(validate.errors, 'body').map((problem) => `${problem.field} ${problem.message}`));
  }
  return problems;
}
