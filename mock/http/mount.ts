import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { pipeline } from 'node:stream';
import { ApiError, codeForStatus, type ErrorCode } from './errors.ts';
import type { Handler, Principal, Reply } from './handler-types.ts';
import { RouteTable } from './route-table.ts';
import { checkResponse, mediaTypeOf, toProblems, type LoadedSpec, type OperationSpec } from '../../spec/lib/compiled-spec.ts';

export interface Violation {
  operationId: string;
  status: number;
  problems: string[];
}

/** How one API behaves at the HTTP edge: its error format and its few protocol rules. */
export interface ApiDialect {
  /** Turns any ApiError into this API's error reply. */
  formatError(error: ApiError, res: Response): Reply;
  /** The code for a body that is not valid JSON, or that breaks the schema. */
  invalidBodyCode: ErrorCode;
  /** JSON:API: answer 406 when Accept excludes the operation's media types. */
  checkAccept?: boolean;
  /** Adds headers every reply of this API carries. */
  decorate?(reply: Reply, operation: OperationSpec, res: Response): void;
}

export interface MountOptions {
  spec: LoadedSpec;
  handlers: Record<string, Handler<never>>;
  dialect: ApiDialect;
  /** Resolves a bearer token; undefined when unknown or expired. */
  authenticate(token: string): Principal | undefined;
  /** Extra check once a principal is known (PACE: linked identity). */
  authorize?(principal: Principal, operation: OperationSpec): void;
  responseValidation: 'off' | 'warn' | 'strict';
  onViolation(violation: Violation): void;
  jsonLimit: string;
  /** Resolves once every change so far is durable; awaited after each non-GET operation. */
  commit(): Promise<void>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

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

/** Sends a reply as it is. */
export function sendReply(res: Response, reply: Reply): void {
  res.status(reply.status);
  if (reply.headers) for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  if (reply.stream) {
    if (reply.contentType) res.setHeader('Content-Type', reply.contentType);
    // pipeline also destroys the source when the client goes away: no open file or listener is left.
    pipeline(reply.stream, res, () => undefined);
    return;
  }
  if (reply.body === undefined) {
    res.end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const type = reply.contentType ?? 'application/json';
  // Every plain JSON answer names its charset, success or error alike; JSON:API's
  // application/vnd.api+json goes out bare, as its media type allows no such parameter.
  res.setHeader('Content-Type', type === 'application/json' ? `${type}; charset=utf-8` : type);
  res.end(text);
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
 * Serves every operation of a spec from one middleware: the operation is found by method and
 * path in a table built once (not by trying each route in turn), then bearer auth, request checks
 * against the spec, the handler, and the reply checked against the spec and sent. Errors thrown
 * anywhere become the API's error reply, which is checked like any other. A request that needs
 * nothing asynchronous (no body to read, a handler that answers at once, nothing to commit) is
 * answered within the same call, without a promise.
 */
export function mountApi(name: string, options: MountOptions): RequestHandler {
  const { spec, handlers, dialect } = options;
  checkHandlers(name, spec, handlers);
  const routes = new RouteTable<(req: Request, res: Response, next: NextFunction, params: Record<string, string>) => void>();
  const parseJson = express.json({ type: () => true, limit: options.jsonLimit });
  // Replies sent in warn mode, checked together once the pending I/O is handled (one immediate for all).
  let unchecked: { operation: OperationSpec; reply: Reply }[] = [];
  const checkSent = () => {
    const batch = unchecked;
    unchecked = [];
    for (const { operation, reply } of batch) {
      const problems = checkReply(operation, reply);
      if (problems.length > 0) options.onViolation({ operationId: operation.operationId, status: reply.status, problems });
    }
  };
  const checkLater = (operation: OperationSpec, reply: Reply) => {
    if (unchecked.push({ operation, reply }) === 1) setImmediate(checkSent);
  };

  for (const operation of spec.operations) {
    const handler = handlers[operation.operationId] as unknown as Handler;
    const finish = (res: Response, reply: Reply, check: boolean) => {
      if (reply.contentType === undefined && reply.body !== undefined && !reply.stream) {
        const declared = operation.responses.get(String(reply.status))?.media.keys().next().value;
        if (declared) reply.contentType = declared;
      }
      dialect.decorate?.(reply, operation, res);
      if (check && options.responseValidation === 'warn') {
        // Only reported: checked once the answer is on its way, so the client never waits for it.
        sendReply(res, reply);
        checkLater(operation, reply);
        return;
      }
      if (check && options.responseValidation === 'strict') {
        const problems = checkReply(operation, reply);
        if (problems.length > 0) {
          options.onViolation({ operationId: operation.operationId, status: reply.status, problems });
          reply = dialect.formatError(
            new ApiError('INTERNAL_ERROR', { errors: problems.map((message) => ({ field: 'response', message })) }),
            res,
          );
        }
      }
      sendReply(res, reply);
    };

    // The handler's answer, or a promise of it when the body must be read first or the handler is async.
    const run = (req: Request, res: Response, pathParams: Record<string, string>): Reply | Promise<Reply> => {
      let principal: Principal | undefined;
      if (operation.secured) {
        const match = BEARER.exec(req.headers.authorization ?? '');
        principal = match?.[1] ? options.authenticate(match[1]) : undefined;
        if (!principal) throw new ApiError('UNAUTHENTICATED');
        options.authorize?.(principal, operation);
      }
      if (dialect.checkAccept) checkAccept(req, operation);
      // Express 5 parses the query string anew on each read of req.query: read only where parameters are declared.
      const { params, query, problems } = operation.checkParameters(
        pathParams,
        operation.hasQuery ? (req.query as Record<string, unknown>) : {},
      );
      if (problems.length > 0) throw new ApiError('VALIDATION_ERROR', { errors: problems });
      if (!operation.requestBody) return handler({ params, query, body: undefined, principal, req } as never) as Reply | Promise<Reply>;
      return readBody(req, res, operation, dialect, parseJson).then(
        (body) => handler({ params, query, body, principal, req } as never) as Reply | Promise<Reply>,
      );
    };

    const errorReply = (error: unknown, res: Response): Reply => {
      if (error instanceof ApiError) return dialect.formatError(error, res);
      throw error;
    };

    routes.add(operation.method, operation.path, (req, res, next, pathParams) => {
      const forced = res.locals.forcedStatus as number | undefined;
      if (forced !== undefined) return finish(res, forcedReply(operation, forced, dialect, res), false);
      const mutating = req.method !== 'GET' && req.method !== 'HEAD';
      let reply: Reply | Promise<Reply>;
      try {
        reply = run(req, res, pathParams);
      } catch (error) {
        try {
          reply = errorReply(error, res);
        } catch (unexpected) {
          return next(unexpected);
        }
      }
      if (!mutating && !isPromise(reply)) return finish(res, reply, true);
      Promise.resolve(reply)
        .catch((error: unknown) => errorReply(error, res))
        // A change (even a counted wrong try) is on disk before anyone hears of it.
        .then(async (answer) => {
          if (mutating) await options.commit();
          finish(res, answer, true);
        })
        .catch(next);
    });
  }

  return (req: Request, res: Response, next: NextFunction) => {
    let found;
    try {
      found = routes.match(req.method, req.path);
    } catch (error) {
      return next(error);
    }
    if (!found) return next();
    found.value(req, res, next, found.params);
  };
}

/**
 * The answer to `Prefer: code=NNN` or a fault rule: the operation's documented example for that
 * status (as Prism does), or the catalogue's error for an undocumented one.
 */
function forcedReply(operation: OperationSpec, status: number, dialect: ApiDialect, res: Response): Reply {
  const response = operation.responses.get(String(status));
  if (!response && status < 400) return { status };
  if (!response || (status >= 400 && !response.example)) {
    return dialect.formatError(new ApiError(codeForStatus(status), { status, detail: `forced status ${status}` }), res);
  }
  const headers: Record<string, string> = status === 429 ? { 'Retry-After': '60' } : {};
  for (const name of response.requiredHeaders) headers[name] = name.toLowerCase() === 'retry-after' ? '60' : operation.path;
  if (!response.example) return { status, headers };
  return { status, headers, body: response.example.value, contentType: response.example.contentType };
}

// JSON:API content negotiation, only where the operation documents 406: a missing Accept, `*/*`,
// `application/*` and the operation's media types pass; a range with `q=0` does not.
function checkAccept(req: Request, operation: OperationSpec): void {
  const accept = req.headers.accept;
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

async function readBody(
  req: Request,
  res: Response,
  operation: OperationSpec,
  dialect: ApiDialect,
  parseJson: express.RequestHandler,
): Promise<unknown> {
  const declared = operation.requestBody!;
  if (!hasBody(req)) {
    if (declared.required)
      throw new ApiError(dialect.invalidBodyCode, { errors: [{ field: 'body', message: 'is required', pointer: '' }] });
    return undefined;
  }
  const type = mediaTypeOf(req.headers['content-type']);
  if (!type || !declared.media.has(type)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', { detail: `Content-Type must be ${[...declared.media.keys()].join(' or ')}` });
  }
  // Multipart bodies stream through their handler, which checks the parts.
  if (type.startsWith('multipart/')) return undefined;
  await new Promise<void>((resolve, reject) => {
    parseJson(req, res, (error?: unknown) => (error ? reject(bodyError(error, dialect)) : resolve()));
  });
  const validate = declared.media.get(type);
  if (validate && !validate(req.body)) throw new ApiError(dialect.invalidBodyCode, { errors: toProblems(validate.errors) });
  return req.body;
}

/** body-parser's errors, in the catalogue's words. */
function bodyError(error: unknown, dialect: ApiDialect): unknown {
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
  // A body that does not inflate under its Content-Encoding (`gzip` over plain bytes): a 400 with no type.
  if ((error as { status?: number }).status === 400)
    return new ApiError(dialect.invalidBodyCode, {
      detail: 'the body does not decode under its Content-Encoding',
      errors: [{ field: 'body', message: 'does not decode under its Content-Encoding', pointer: '' }],
    });
  return error;
}
