import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { deriveCode, deriveToken, type Purpose } from '../../mock/domain/codes.ts';

/** A secret the backend sent, as the suite knows it. */
export interface Sent {
  channel: 'sms' | 'email';
  /** E.164 phone or lower-cased email. */
  to: string;
  purpose: Purpose;
}

export interface Secret {
  code?: string;
  token?: string;
  confirmUrl?: string;
}

export interface CodeSource {
  readonly name: string;
  /** What this source can tell: codes only, or tokens and confirmation links too. */
  readonly gives: ReadonlySet<keyof Secret>;
  /** The latest secret sent for this purpose to this destination. */
  read(sent: Sent): Promise<Secret>;
  /** Every send the suite caused, in order (derived codes count them: the `n` of the formula). */
  noteSend(sent: Sent): void;
}

const run = promisify(execFile);

/**
 * Parses a code source setting:
 * - `mock-outbox`: the mock's `/__mock/outbox/latest` (in the world `headers` choose);
 * - `fixed:<code>`: every code is the same (staging systems with a test code);
 * - `derived:<seed>`: the project's HMAC formula, counting the sends this run caused;
 * - `command:<shell command>`: prints the secret; gets CONTRACT_CHANNEL, CONTRACT_DESTINATION and
 *   CONTRACT_PURPOSE in its environment;
 * - `none`: flows that need a code are skipped.
 */
export function parseCodeSource(
  setting: string,
  controlUrl: string | null,
  adminToken: string | null,
  /** Headers for each read of the mock outbox (the world it reads in: `X-Mock-World`). */
  headers: () => Record<string, string> = () => ({}),
): CodeSource {
  const counts = new Map<string, number>();
  const noteSend = (sent: Sent) => counts.set(`${sent.purpose}|${sent.to}`, (counts.get(`${sent.purpose}|${sent.to}`) ?? 0) + 1);
  const [kind, ...rest] = setting.split(':');
  const argument = rest.join(':');
  if (kind === 'mock-outbox') {
    if (!controlUrl) throw new Error('code source mock-outbox needs the mock control API');
    const root = controlUrl.replace(/\/__mock$/, '');
    return {
      name: setting,
      gives: new Set(['code', 'token', 'confirmUrl']),
      noteSend,
      async read(sent) {
        let req = request(root).get('/__mock/outbox/latest').query({ to: sent.to, purpose: sent.purpose, channel: sent.channel });
        if (adminToken) req = req.set('X-Mock-Admin-Token', adminToken);
        for (const [name, value] of Object.entries(headers())) req = req.set(name, value);
        const res = await req;
        if (res.status !== 200) throw new Error(`no ${sent.purpose} message to ${sent.to} in the mock outbox (${res.status})`);
        return res.body as Secret;
      },
    };
  }
  if (kind === 'fixed' && /^\d{6}$/.test(argument)) {
    return { name: setting, gives: new Set(['code']), noteSend, read: async () => ({ code: argument }) };
  }
  if (kind === 'derived' && argument) {
    return {
      name: setting,
      gives: new Set(['code', 'token']),
      noteSend,
      async read(sent) {
        const n = counts.get(`${sent.purpose}|${sent.to}`) ?? 1;
        const token = sent.purpose === 'password-reset' || sent.purpose === 'pace-phone-confirm';
        return token
          ? { token: deriveToken(argument, sent.purpose, sent.to, n) }
          : { code: deriveCode(argument, sent.purpose, sent.to, n) };
      },
    };
  }
  if (kind === 'command' && argument) {
    return {
      name: 'command',
      gives: new Set(['code', 'token', 'confirmUrl']),
      noteSend,
      async read(sent) {
        const { stdout } = await run('sh', ['-c', argument], {
          env: { ...process.env, CONTRACT_CHANNEL: sent.channel, CONTRACT_DESTINATION: sent.to, CONTRACT_PURPOSE: sent.purpose },
          timeout: 30_000,
        });
        const value = stdout.trim();
        if (/^\d{6}$/.test(value)) return { code: value };
        if (/^https?:\/\//.test(value)) return { confirmUrl: value };
        return { token: value };
      },
    };
  }
  if (kind === 'none') return { name: 'none', gives: new Set(), noteSend, read: () => Promise.reject(new Error('no code source')) };
  throw new Error(`unknown code source "${setting}": use mock-outbox, fixed:<code>, derived:<seed>, command:<cmd> or none`);
}
