import type { UserRecord } from '../store/data.ts';
import type { CoreRequest } from './request.ts';

/** Who is calling, once the bearer token is checked. */
export interface Principal {
  user: UserRecord;
  token: string;
}

/** What a route handler answers; the mount layer validates it against the spec and sends it. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Defaults to the operation's first declared media type for that status. */
  contentType?: string;
  /**
   * Bytes to stream instead of a JSON body (file downloads, server-sent events), with `contentType`
   * set. The reply check matches its type against the declared ones (`*\/*` covers any) and does
   * not read it; the door cancels the stream when the client goes away. A web stream, which Node
   * and browsers share (the Express door turns it into a Node stream).
   */
  stream?: ReadableStream<Uint8Array>;
}

/** The shape of one operation in openapi-typescript's `operations` interface. */
interface OperationShape {
  parameters: { query?: unknown; path?: unknown };
  requestBody?: unknown;
  responses: unknown;
}

type JsonContent<C> = C extends { content: infer M }
  ? M extends { 'application/json': infer B }
    ? B
    : M extends { 'application/vnd.api+json': infer B }
      ? B
      : unknown
  : never;

export type BodyOf<O> = O extends { requestBody: infer R }
  ? JsonContent<R>
  : O extends { requestBody?: infer R }
    ? JsonContent<NonNullable<R>> | undefined
    : undefined;
export type QueryOf<O> = O extends { parameters: { query?: infer Q } }
  ? [Q] extends [never | undefined]
    ? Record<string, never>
    : NonNullable<Q>
  : Record<string, never>;
export type PathOf<O> = O extends { parameters: { path: infer P } }
  ? [P] extends [never | undefined]
    ? Record<string, never>
    : NonNullable<P>
  : Record<string, never>;

type ResponseBody<R> = R extends { content: infer M } ? (M extends Record<string, infer B> ? B : never) : undefined;

/** The success replies (2xx) an operation documents, typed from the spec. */
export type SuccessReply<O> = O extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 200 | 201 | 202 | 204
        ? {
            status: S;
            body?: ResponseBody<R[S]>;
            headers?: Record<string, string>;
            contentType?: string;
            stream?: ReadableStream<Uint8Array>;
          }
        : never;
    }[keyof R]
  : never;

export interface HandlerContext<O, P extends Principal | undefined = Principal | undefined, W = unknown> {
  params: PathOf<O>;
  query: QueryOf<O>;
  body: BodyOf<O>;
  /** The caller, on operations that need a token (the core answered 401 without one). */
  principal: P;
  /** The request as the core sees it: its origin for absolute URLs, its body for multipart streams. */
  request: CoreRequest;
  /** The API's base path as the client addressed it (`/api`), for `Location` headers. */
  base: string;
  /**
   * The state the request acts on (the engine's world: its data, services, clock), given with
   * each call, so that one set of handlers serves every world.
   */
  world: W;
}

/** A handler's answer: one of the operation's documented successes (errors are thrown as ApiError). */
export type Answer<O> = [SuccessReply<O>] extends [never] ? Reply : SuccessReply<O>;

export type Handler<O = OperationShape, P extends Principal | undefined = Principal | undefined, W = unknown> = (
  context: HandlerContext<O, P, W>,
) => Answer<O> | Promise<Answer<O>>;

/**
 * A handler for every operation of an openapi-typescript `operations` interface; the secured ones
 * (the generated `SecuredOperation`) receive a `Principal`, the others `undefined`; every one the
 * world of the request as `W`.
 */
export type HandlerMap<Ops, Secured = never, W = unknown> = {
  [K in keyof Ops]: Handler<Ops[K], K extends Secured ? Principal : undefined, W>;
};
