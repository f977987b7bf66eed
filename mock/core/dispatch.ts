import { ApiError, codeForStatus, type ErrorCode } from '../lib/api-error.ts';
import type { ErrorFormat } from './apis.ts';
import { checkResponse, mediaTypeOf, toProblems, type LoadedSpec, type OperationSpec } from './spec-compiler.ts';
import { errorReply } from './error-formats.ts';
import type { Handler, Principal, Reply } from './handler-types.ts';
import { headerOf, parseQuery, type CoreRequest } from './request.ts';
import { RouteTable } from './route-table.ts';

export interface Violation {
  operationId: string;
  status: number;
  problems: string[];
}

/** What one request carries through the core besides itself. */
export interface Exchange {
  /** The request's id (PACE's `Request-Id`), made on first use and the same for every later use. */
  requestId(): string;
  /** A status asked for by `Prefer: code=` or a fault rule: the operation answers its example. */
  forcedStatus: number | undefined;
  /** The base path of the API as the client addressed it (`/api`), for `Location` headers. */
  base: string;
}

/** How one API behaves at the edge: its error format and its few protocol rules. */
export interface ApiDialect {
  errorFormat: ErrorFormat;
  /** The code for a body that is not valid JSON, or that breaks the schema. */
  invalidBodyCode: ErrorCode;
  /** JSON:API: answer 406 when Accept excludes the operation's media types. */
  checkAccept?: boolean;
  /** Adds headers every reply of this API carries. */
  decorate?(reply: Reply, operation: OperationSpec, exchange: Exchange): void;
}

export interface DispatchOptions {
  spec: LoadedSpec;
  /** A handler per operation of the spec (checkHandlers), built once for every world. */
  handlers: Record<string, Handler<never, never, never>>;
  dialect: ApiDialect;
  /** Extra check once a principal is known (PACE: linked identity). */
  authorize?(principal: Principal, operation: OperationSpec): void;
  responseValidation: 'off' | 'warn' | 'strict';
  jsonLimitBytes: number;
}

/** The state a request acts on (one world's): what its handlers receive, its sessions and store. */
export interface DispatchTarget {
  /** Given to the handler as `world`. */
  world: unknown;
  /** Resolves a bearer token; undefined when unknown or expired. */
  authenticate(token: string): Principal | undefined;
  onViolation(violation: Violation): void;
  /** Resolves once every change so far is durable; awaited after each non-GET operation whose handler ran. */
  commit(): Promise<void>;
}

/** Answers one request of an API, or undefined when no operation has its method and path. */
export type Dispatch = (
  request: CoreRequest,
  path: string,
  exchange: Exchange,
  target: DispatchTarget,
) => Reply | Promise<Reply> | undefined;

const BEARER = /^Bearer\s+(\S+)$/i;

/** Fails start-up when the handler map and the spec disagree. */
export function checkHandlers(name: string, spec: LoadedSpec, handlers: Record<string, unknown>): void {
  const declared = new Set(spec.operations.map((operation) => operation.operationId));
  const missing = [...declared].filter((id) => typeof handlers[id] !== 'function');
  const extra = Object.keys(handlers).filter((id) => !declared.has(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `${name}: spec and handlers disagree (no handler for: ${missing.join(', ') || '-'}; no operation for: ${extra.join(', ') || '-'})`,
    );
  }
}

/** The API's error reply for a thrown ApiError. */
export function formatError(dialect: ApiDialect, error: ApiError, exchange: Pick<Exchange, 'requestId'>): Reply {
  return errorReply(dialect.errorFormat, error, exchange.requestId);
}

/** What the spec says is wrong with a reply; empty when it keeps the contract. */
export function checkReply(operation: OperationSpec, reply: Reply): string[] {
  return checkResponse(operation, {
    status: reply.status,
    // A reply without its own type goes out with the first documented one (see finish).
    contentType: reply.contentType ?? operation.responses.get(String(reply.status))?.media.keys().next().value,
    headerNames: Object.keys(reply.headers ?? {}),
    headers: Object.fromEntries(Object.entries(reply.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    hasBody: reply.body !== undefined || reply.stream !== undefined,
    body: reply.body,
    streamed: reply.stream !== undefined,
  });
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as { then?: unknown } | undefined)?.then === 'function';

/**
 * Serves every operation of a spec: the operation is found by method and path in a table built
 * once (not by trying each route in turn), then bearer auth, request checks against the spec, the
 * handler, and the reply checked against the spec. Errors thrown anywhere become the API's error
 * reply, which is checked like any other. A request that needs nothing asynchronous (no body to
 * read, a handler that answers at once, nothing to commit) is answered within the same call,
 * without a promise.
 */
export function createDispatch(options: DispatchOptions): Dispatch {
  const { spec, dialect } = options;
  const routes = new RouteTable<
    (request: CoreRequest, exchange: Exchange, target: DispatchTarget, params: Record<string, string>) => Reply | Promise<Reply>
  >();
  // Replies in warn mode, checked together once the pending I/O is handled (one timer for all).
  let unchecked: { operation: OperationSpec; reply: Reply; target: DispatchTarget }[] = [];
  const checkSent = () => {
    const batch = unchecked;
    unchecked = [];
    for (const { operation, reply, target } of batch) {
      const problems = checkReply(operation, reply);
      if (problems.length > 0) target.onViolation({ operationId: operation.operationId, status: reply.status, problems });
    }
  };
  const checkLater = (operation: OperationSpec, reply: Reply, target: DispatchTarget) => {
    if (unchecked.push({ operation, reply, target }) === 1) setTimeout(checkSent, 0);
  };

  for (const operation of spec.operations) {
    const { operationId } = operation;
    const handler = options.handlers[operationId] as unknown as Handler;
    const finish = (reply: Reply, exchange: Exchange, target: DispatchTarget, check: boolean): Reply => {
      if (reply.contentType === undefined && reply.body !== undefined && !reply.stream) {
        const declared = operation.responses.get(String(reply.status))?.media.keys().next().value;
        if (declared) reply.contentType = declared;
      }
      dialect.decorate?.(reply, operation, exchange);
      // Only reported: checked once the answer is on its way, so the client never waits for it.
      if (check && options.responseValidation === 'warn') checkLater(operation, reply, target);
      if (check && options.responseValidation === 'strict') {
        const problems = checkReply(operation, reply);
        if (problems.length > 0) {
          target.onViolation({ operationId, status: reply.status, problems });
          return formatError(
            dialect,
            new ApiError('INTERNAL_ERROR', { errors: problems.map((message) => ({ field: 'response', message })) }),
            exchange,
          );
        }
      }
      return reply;
    };

    // The handler's answer, or a promise of it when the body must be read first or the handler is
    // async; `called.handler` is set once the handler runs (nothing before it changes the state).
    const run = (
      request: CoreRequest,
      exchange: Exchange,
      target: DispatchTarget,
      pathParams: Record<string, string>,
      called: { handler: boolean },
    ): Reply | Promise<Reply> => {
      let principal: Principal | undefined;
      if (operation.secured) {
        const match = BEARER.exec(headerOf(request.headers, 'authorization') ?? '');
        principal = match?.[1] ? target.authenticate(match[1]) : undefined;
        if (!principal) throw new ApiError('UNAUTHENTICATED');
        options.authorize?.(principal, operation);
      }
      if (dialect.checkAccept) checkAccept(headerOf(request.headers, 'accept'), operation);
      // The query string is parsed only where parameters are declared.
      const { params, query, problems } = operation.checkParameters(pathParams, operation.hasQuery ? parseQuery(request.search) : {});
      if (problems.length > 0) throw new ApiError('VALIDATION_ERROR', { errors: problems });
      const context = { params, query, principal, request, base: exchange.base, world: target.world };
      const call = (body: unknown) => {
        called.handler = true;
        return handler({ ...context, body } as never) as Reply | Promise<Reply>;
      };
      if (!operation.requestBody) return call(undefined);
      return readBody(request, operation, dialect, options.jsonLimitBytes).then(call);
    };

    const toErrorReply = (error: unknown, exchange: Exchange): Reply => {
      if (error instanceof ApiError) return formatError(dialect, error, exchange);
      throw error;
    };

    routes.add(operation.method, operation.path, (request, exchange, target, pathParams) => {
      if (exchange.forcedStatus !== undefined)
        return finish(forcedReply(operation, exchange.forcedStatus, dialect, exchange), exchange, target, false);
      const mutating = request.method !== 'GET' && request.method !== 'HEAD';
      const called = { handler: false };
      let reply: Reply | Promise<Reply>;
      try {
        reply = run(request, exchange, target, pathParams, called);
      } catch (error) {
        reply = toErrorReply(error, exchange);
      }
      // A request refused before its handler ran (auth, parameters, body) changed nothing: no commit.
      if ((!mutating || !called.handler) && !isPromise(reply)) return finish(reply, exchange, target, true);
      return (
        Promise.resolve(reply)
          .catch((error: unknown) => toErrorReply(error, exchange))
          // A change (even a counted wrong try) is on disk before anyone hears of it; the store
          // writes only what the handler's services noted, and nothing when they noted nothing.
          .then(async (answer) => {
            if (mutating && called.handler) await target.commit();
            return finish(answer, exchange, target, true);
          })
      );
    });
  }

  return (request, path, exchange, target) => {
    let found;
    try {
      found = routes.match(request.method, path);
    } catch (error) {
      // The path's escapes do not decode (`/api/tasks/%E0%A4%A`): the client's fault.
      if (error instanceof URIError) return formatError(dialect, badEscape(), exchange);
      throw error;
    }
    return found ? found.value(request, exchange, target, found.params) : undefined;
  };
}

export const badEscape = () =>
  new ApiError('VALIDATION_ERROR', { errors: [{ field: 'path', message: 'is not valid percent-encoded UTF-8' }] });

/**
 * The answer to `Prefer: code=NNN` or a fault rule: the operation's documented example for that
 * status (as Prism does), or the catalogue's error for an undocumented one.
 */
function forcedReply(operation: OperationSpec, status: number, dialect: ApiDialect, exchange: Exchange): Reply {
  const response = operation.responses.get(String(status));
  if (!response && status < 400) return { status };
  if (!response || (status >= 400 && !response.example)) {
    return formatError(dialect, new ApiError(codeForStatus(status), { status, detail: `forced status ${status}` }), exchange);
  }
  const headers: Record<string, string> = status === 429 ? { 'Retry-After': '60' } : {};
  for (const name of response.requiredHeaders) headers[name] = name.toLowerCase() === 'retry-after' ? '60' : operation.path;
  if (!response.example) return { status, headers };
  return { status, headers, body: response.example.value, contentType: response.example.contentType };
}

// JSON:API content negotiation, only where the operation documents 406: a missing Accept, `*/*`,
// `application/*` and the operation's media types pass; a range with `q=0` does not.
function checkAccept(accept: string | undefined, operation: OperationSpec): void {
  if (!accept || !operation.responses.has('406')) return;
  const offered = new Set<string>();
  for (const response of operation.responses.values()) for (const type of response.media.keys()) offered.add(type);
  if (offered.size === 0) return;
  const ok = accept.split(',').some((part) => {
    if (/;\s*q\s*=\s*0(\.0*)?\s*(;|$)/i.test(part)) return false;
    const type = mediaTypeOf(part) ?? '';
    return type === '*/*' || offered.has(type) || [...offered].some((offer) => type.endsWith('/*') && offer.startsWith(type.slice(0, -1)));
  });
  if (!ok) throw new ApiError('NOT_ACCEPTABLE', { detail: `Accept must allow ${[...offered].join(' or ')}` });
}

async function readBody(request: CoreRequest, operation: OperationSpec, dialect: ApiDialect, limitBytes: number): Promise<unknown> {
  const declared = operation.requestBody!;
  if (!request.body) {
    if (declared.required)
      throw new ApiError(dialect.invalidBodyCode, { errors: [{ field: 'body', message: 'is required', pointer: '' }] });
    return undefined;
  }
  const type = mediaTypeOf(headerOf(request.headers, 'content-type'));
  if (!type || !declared.media.has(type)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', { detail: `Content-Type must be ${[...declared.media.keys()].join(' or ')}` });
  }
  // Multipart bodies stream through their handler, which checks the parts.
  if (type.startsWith('multipart/')) return undefined;
  let body: unknown;
  try {
    body = await request.body.json(limitBytes);
  } catch (error) {
    throw bodyError(error, dialect);
  }
  const validate = declared.media.get(type);
  if (validate && !validate(body)) throw new ApiError(dialect.invalidBodyCode, { errors: toProblems(validate.errors) });
  return body;
}

/** A door's BodyReadError, in the catalogue's words. */
function bodyError(error: unknown, dialect: ApiDialect): unknown {
  if (error instanceof ApiError) return error;
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return new ApiError('PAYLOAD_TOO_LARGE', { detail: 'the JSON body is over 1 MB' });
  if (type === 'entity.parse.failed')
    return new ApiError(dialect.invalidBodyCode, {
      detail: "can't parse content",
      errors: [{ field: 'body', message: 'is not valid JSON', pointer: '' }],
    });
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new ApiError('UNSUPPORTED_MEDIA_TYPE', { detail: 'unsupported charset or encoding' });
  if (type === 'request.aborted' || type === 'request.size.invalid')
    return new ApiError(dialect.invalidBodyCode, { detail: 'the body ended early' });
  // A body that does not inflate under its Content-Encoding (`gzip` over plain bytes).
  if (type === 'bad.encoding' || (error as { status?: number }).status === 400)
    return new ApiError(dialect.invalidBodyCode, {
      detail: 'the body does not decode under its Content-Encoding',
      errors: [{ field: 'body', message: 'does not decode under its Content-Encoding', pointer: '' }],
    });
  return error;
}
