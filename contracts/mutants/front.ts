// What a variant changes at the HTTP edge: a listener in front of the real app that alters the
// request's answer on its way out (status, headers, JSON body). The app itself is untouched.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** Runs before the app sees the request; it may hook `res` to alter the answer. */
export type FrontHook = (req: IncomingMessage, res: ServerResponse) => void;

/** The app, with a hook in front of it. */
export const inFront =
  (app: RequestListener, hook: FrontHook): RequestListener =>
  (req, res) => {
    hook(req, res);
    app(req, res);
  };

export const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0] ?? '/';

/** The two judged APIs' prefixes (mock/app.ts API_PREFIX); the control API is left alone. */
export const isPocketm8 = (req: IncomingMessage) => pathOf(req).startsWith('/api/');
export const isPace = (req: IncomingMessage) => pathOf(req).startsWith('/user/2021-2/');

/** A JSON answer about to be sent. */
export interface JsonAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * Lets `rewrite` change every JSON answer of this response before it is sent; it answers the new
 * answer, or undefined to send it as it was. The mock sends a JSON body with one `res.end(text)`
 * (mock/http/mount.ts sendReply), before any header is out, so status and headers can still change.
 */
export function rewriteJson(res: ServerResponse, rewrite: (answer: JsonAnswer) => JsonAnswer | undefined): void {
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const contentType = String(res.getHeader('content-type') ?? '');
    if (res.headersSent || !/[/+]json\b/.test(contentType) || !(typeof chunk === 'string' || Buffer.isBuffer(chunk)))
      return end(chunk, ...rest);
    let body: unknown;
    try {
      body = JSON.parse(String(chunk));
    } catch {
      return end(chunk, ...rest);
    }
    const changed = rewrite({ status: res.statusCode, contentType, body });
    if (!changed) return end(chunk, ...rest);
    const text = JSON.stringify(changed.body);
    res.statusCode = changed.status;
    res.setHeader('Content-Type', changed.contentType);
    res.setHeader('Content-Length', Buffer.byteLength(text));
    return end(text);
  }) as ServerResponse['end'];
}

/** Drops one header from everything this response sets. */
export function dropHeader(res: ServerResponse, name: string): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((header: string, value: number | string | readonly string[]) =>
    header.toLowerCase() === name.toLowerCase() ? res : setHeader(header, value)) as ServerResponse['setHeader'];
}

/** Applies `change` to every object anywhere in a JSON value (in place), and answers the value. */
export function eachObject(value: unknown, change: (object: Record<string, unknown>) => void): unknown {
  if (Array.isArray(value)) for (const item of value) eachObject(item, change);
  else if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    change(object);
    for (const inner of Object.values(object)) eachObject(inner, change);
  }
  return value;
}

/** An object of the API with this id prefix (`tsk_`, `fil_`: mock/domain/ids.ts). */
export const hasIdPrefix = (object: Record<string, unknown>, prefix: string) =>
  typeof object.id === 'string' && object.id.startsWith(prefix);
