/** A setup request's answer. */
export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: unknown;
}

export interface SetupRequest {
  method?: string;
  token?: string;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  /** The statuses that mean the step worked; anything else throws (default: any 2xx). */
  expect?: readonly number[];
}

/**
 * One HTTP call the hooks make to prepare a transaction (sign-ups, uploads, codes). A setup call
 * that does not answer as expected throws, and the transaction fails with the reason.
 */
export async function send(url: string, request: SetupRequest = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  let body: string | FormData | undefined;
  if (request.json !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) {
    body = request.form;
  }
  const method = request.method ?? (body === undefined ? 'GET' : 'POST');
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const ok = request.expect ? request.expect.includes(res.status) : res.status >= 200 && res.status < 300;
  if (!ok) throw new Error(`setup ${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { status: res.status, headers: res.headers, body: parsed };
}
