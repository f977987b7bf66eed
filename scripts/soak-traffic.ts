import { TOKENS } from '../test/harness.ts';
import { PNG } from '../test/reliability/spec-requests.ts';

/** What a soak run counts: every request, the ones that did not answer as the flow expects, latencies. */
export interface Tally {
  requests: number;
  errors: number;
  /** The first few errors, for the report. */
  samples: string[];
  byScenario: Record<string, number>;
  latenciesMs: number[];
}

export function newTally(): Tally {
  return { requests: 0, errors: 0, samples: [], byScenario: {}, latenciesMs: [] };
}

interface Client {
  origin: string;
  tally: Tally;
  /** The virtual user's own bearer token, once signed up. */
  token?: string;
}

/** One request that must answer `expected`; answers the parsed JSON body (or the text). */
async function call(
  client: Client,
  expected: number,
  method: string,
  path: string,
  options: { json?: unknown; form?: FormData; type?: string; token?: string | null } = {},
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? client.token : options.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | FormData | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = options.type ?? 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  const started = performance.now();
  client.tally.requests += 1;
  let status = 0;
  let text = '';
  try {
    const res = await fetch(`${client.origin}${path}`, { method, headers, body });
    status = res.status;
    text = await res.text();
  } catch (error) {
    text = (error as Error).message;
  }
  client.tally.latenciesMs.push(performance.now() - started);
  if (status !== expected) {
    client.tally.errors += 1;
    if (client.tally.samples.length < 10)
      client.tally.samples.push(`${method} ${path.split('?')[0]}: ${status} (expected ${expected}) ${text.slice(0, 200)}`);
    throw new SoakError();
  }
  try {
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  } catch {
    return { text };
  }
}

/** Ends a flow whose request already counted as an error. */
class SoakError extends Error {}

/** Destinations no other virtual user uses, and no magic one (0000 fails, 9999 is taken). */
function destinations(vu: number) {
  let n = 0;
  const next = () => {
    n += 1;
    if (/(0000|9999)$/.test(String(n))) n += 1;
    return n;
  };
  return {
    phone: () => `+4179${String(vu).padStart(3, '0')}${String(next()).padStart(6, '0')}`,
    email: () => `soak-${vu}-${next()}@example.com`,
  };
}

async function latest(client: Client, to: string, purpose: string): Promise<Record<string, unknown>> {
  return call(client, 200, 'GET', `/__mock/outbox/latest?to=${encodeURIComponent(to)}&purpose=${purpose}`, { token: null });
}

const SCENARIOS = {
  /** Reads of the user's own lists and of a fixture user's task. */
  async reads(client: Client) {
    for (const path of ['/api/profile', '/api/tasks?perPage=50', '/api/files', '/api/contacts', '/api/users', '/api/relations/task-edit'])
      await call(client, 200, 'GET', path);
    await call(client, 200, 'GET', '/api/tasks/tsk_0001', { token: TOKENS.alice });
    await call(client, 200, 'GET', '/user/2021-2/user/phone');
  },
  /** A task from creation to deletion. */
  async tasks(client: Client) {
    const task = await call(client, 201, 'POST', '/api/tasks', {
      json: { title: 'Soak task', description: 'created by the soak', priority: 'high', dueDate: '2030-01-31' },
    });
    await call(client, 200, 'GET', `/api/tasks/${String(task.id)}`);
    await call(client, 200, 'PUT', `/api/tasks/${String(task.id)}`, { json: { title: 'Soak task, renamed', priority: 'low' } });
    await call(client, 200, 'POST', `/api/tasks/${String(task.id)}/status`, { json: { status: 'in_progress' } });
    await call(client, 204, 'DELETE', `/api/tasks/${String(task.id)}`);
  },
  /** An upload, its bytes, a rename and the deletion. */
  async files(client: Client) {
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'soak.png');
    form.append('description', 'soak upload');
    const file = await call(client, 201, 'POST', '/api/files', { form });
    await call(client, 200, 'GET', `/api/files/${String(file.id)}`);
    await call(client, 200, 'GET', new URL(String(file.url)).pathname, { token: null });
    await call(client, 200, 'PATCH', `/api/files/${String(file.id)}`, { json: { name: 'soak-renamed.png' } });
    await call(client, 204, 'DELETE', `/api/files/${String(file.id)}`);
  },
  /** A Pocketm8 phone change with its SMS code. */
  async phoneChange(client: Client, next: ReturnType<typeof destinations>) {
    const phone = next.phone();
    await call(client, 200, 'PUT', '/api/profile/phone', { json: { phone } });
    const sms = await latest(client, phone, 'phone-change');
    await call(client, 200, 'POST', '/api/profile/verify-code', { json: { type: 'phone', code: sms.code } });
  },
  /** A new email (verified), then a PACE phone change confirmed by the link in the email and the SMS code. */
  async paceChange(client: Client, next: ReturnType<typeof destinations>) {
    const email = next.email();
    await call(client, 200, 'PUT', '/api/profile/email', { json: { email } });
    await call(client, 200, 'POST', '/api/profile/verify-code', {
      json: { type: 'email', code: (await latest(client, email, 'email-change')).code },
    });
    const phone = next.phone();
    await call(client, 201, 'PUT', '/user/2021-2/user/phone', {
      json: { data: { type: 'phone', attributes: { phoneNumber: phone } } },
      type: 'application/vnd.api+json',
    });
    const link = await latest(client, email, 'pace-phone-confirm');
    await call(client, 200, 'GET', new URL(String(link.confirmUrl)).pathname, { token: null });
    await call(client, 200, 'PUT', '/user/2021-2/user/phone/verify', {
      json: { code: (await latest(client, phone, 'pace-phone-change')).code },
    });
    await call(client, 200, 'GET', '/user/2021-2/user/phone');
  },
} as const;

/** How often each scenario runs, out of 20 iterations. */
const MIX: (keyof typeof SCENARIOS)[] = [
  ...Array<'reads'>(9).fill('reads'),
  ...Array<'tasks'>(5).fill('tasks'),
  ...Array<'files'>(3).fill('files'),
  'phoneChange',
  'phoneChange',
  'paceChange',
];

/**
 * One virtual user: signs up with its own phone (so that no two users share a limit or a
 * pending change), then runs the mix of scenarios until `stop()` is true.
 */
export async function virtualUser(origin: string, vu: number, tally: Tally, stop: () => boolean): Promise<void> {
  const client: Client = { origin, tally };
  const next = destinations(vu);
  const phone = next.phone();
  try {
    await call(client, 200, 'POST', '/api/auth/user/send-sms-code', { json: { phone } });
    const signedUp = await call(client, 200, 'POST', '/api/auth/user/verify-code', {
      json: { phone, code: (await latest(client, phone, 'sign-in')).code },
    });
    client.token = String(signedUp.token);
  } catch (error) {
    if (error instanceof SoakError) return;
    throw error;
  }
  for (let iteration = vu; !stop(); iteration += 1) {
    const scenario = MIX[iteration % MIX.length]!;
    tally.byScenario[scenario] = (tally.byScenario[scenario] ?? 0) + 1;
    try {
      await SCENARIOS[scenario](client, next);
    } catch (error) {
      if (!(error instanceof SoakError)) throw error;
    }
  }
}
