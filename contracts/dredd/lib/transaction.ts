/**
 * The part of Dredd 14's transaction object the hooks read and change (Dredd documents it in
 * "Hooks > Transaction object"; the request is sent from `fullPath`, `request.headers` and
 * `request.body`, which may be a Buffer).
 */
export interface DreddTransaction {
  name: string;
  /** `GET (200) /tasks/tsk_0001`. */
  id: string;
  origin: { resourceName: string; actionName: string; exampleName: string };
  request: { method: string; uri: string; headers: Record<string, string>; body: string | Buffer; bodyEncoding?: string };
  expected: { statusCode: string; headers: Record<string, string>; body?: string; bodySchema?: unknown };
  real?: { statusCode: number; headers: Record<string, string>; body?: string };
  /** The path Dredd requests: the server URL's path, then the request URI. */
  fullPath: string;
  skip: boolean;
  /** A string marks the transaction failed with that message. */
  fail?: string | boolean;
  test?: { status?: string; message?: string };
}

/** `GET /tasks/{id} 200`: method, path template and expected status. */
export function keyOf(transaction: DreddTransaction): string {
  return `${transaction.request.method} ${transaction.origin.resourceName} ${transaction.expected.statusCode}`;
}

function headerName(transaction: DreddTransaction, name: string): string | undefined {
  return Object.keys(transaction.request.headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
}

export function setHeader(transaction: DreddTransaction, name: string, value: string): void {
  removeHeader(transaction, name);
  transaction.request.headers[name] = value;
}

export function removeHeader(transaction: DreddTransaction, name: string): void {
  const existing = headerName(transaction, name);
  if (existing !== undefined) delete transaction.request.headers[existing];
}

export function setToken(transaction: DreddTransaction, token: string): void {
  setHeader(transaction, 'Authorization', `Bearer ${token}`);
}

/** Replaces the example body with this JSON value. */
export function setJson(transaction: DreddTransaction, value: unknown): void {
  transaction.request.body = JSON.stringify(value);
}

/** The example body Dredd would send, parsed. */
export function exampleJson<T = Record<string, unknown>>(transaction: DreddTransaction): T {
  return JSON.parse(String(transaction.request.body)) as T;
}

/**
 * Points the request at real ids: the path template with `params` filled in, and `query` instead
 * of the example's query string when given (null drops it).
 */
export function setPath(transaction: DreddTransaction, params: Record<string, string>, query?: Record<string, string> | null): void {
  const prefix = transaction.fullPath.slice(0, transaction.fullPath.length - transaction.request.uri.length);
  const path = transaction.origin.resourceName.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${transaction.origin.resourceName}`);
    return encodeURIComponent(value);
  });
  const exampleQuery = transaction.request.uri.includes('?') ? transaction.request.uri.slice(transaction.request.uri.indexOf('?')) : '';
  const search = query === undefined ? exampleQuery : query === null ? '' : `?${new URLSearchParams(query).toString()}`;
  transaction.request.uri = `${path}${search}`;
  transaction.fullPath = `${prefix}${path}${search}`;
}

/** Changes one query parameter of the example's query string (keeps the others). */
export function setQueryParam(transaction: DreddTransaction, name: string, value: string): void {
  const [path = '', search = ''] = transaction.request.uri.split('?');
  const query = new URLSearchParams(search);
  query.set(name, value);
  const params = Object.fromEntries(query.entries());
  const prefix = transaction.fullPath.slice(0, transaction.fullPath.length - transaction.request.uri.length);
  transaction.request.uri = `${path}?${new URLSearchParams(params).toString()}`;
  transaction.fullPath = `${prefix}${transaction.request.uri}`;
}

export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** Sends a multipart/form-data body built here: Dredd 14 builds none from OpenAPI 3. */
export function setMultipart(transaction: DreddTransaction, parts: readonly Part[]): void {
  const boundary = `dredd-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const type = part.contentType === undefined ? '' : `\r\nContent-Type: ${part.contentType}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  transaction.request.body = Buffer.concat(chunks);
  setHeader(transaction, 'Content-Type', `multipart/form-data; boundary=${boundary}`);
}
