import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../../mock/server/app.ts';
import { MINUTE } from '../../mock/lib/duration.ts';
import { createTestApp, TOKENS } from '../harness.ts';
import { listen, type Listening } from './listening.ts';

const AT_ONCE = 20;

let mock: MockApp;
let listening: Listening;

beforeEach(async () => {
  mock = await createTestApp();
  listening = await listen(mock);
});

afterEach(() => listening.close());

interface Answer {
  status: number;
  code: string;
  body: Record<string, unknown>;
  retryAfter: string | null;
}

/** One request; `code` is the error code (Pocketm8 `message`, PACE `errors[0].code`) or the status. */
async function send(method: string, path: string, body: unknown, who?: keyof typeof TOKENS, type = 'application/json'): Promise<Answer> {
  const res = await fetch(`${listening.origin}${path}`, {
    method,
    headers: { 'Content-Type': type, ...(who ? { Authorization: `Bearer ${TOKENS[who]}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown> & { errors?: { code: string }[] };
  const code = res.status < 300 ? 'OK' : (parsed.errors?.[0]?.code ?? String(parsed.message));
  return { status: res.status, code, body: parsed, retryAfter: res.headers.get('retry-after') };
}

/** The same request AT_ONCE times, all in flight together. */
const atOnce = (make: (index: number) => Promise<Answer>) => Promise.all(Array.from({ length: AT_ONCE }, (_, index) => make(index)));

const tally = (answers: Answer[]) =>
  answers.reduce<Record<string, number>>(
    (counts, { status, code }) => ({ ...counts, [`${status} ${code}`]: (counts[`${status} ${code}`] ?? 0) + 1 }),
    {},
  );
const outboxTo = (to: string) => mock.context.data().outbox.filter((entry) => entry.to === to);
const wrongFor = (code: string | undefined) => (code === '000000' ? '111111' : '000000');

describe(`code guessing: ${AT_ONCE} wrong codes at once still count 5 tries, then the code is burnt`, () => {
  const afterGuessing = { '422 INVALID_CODE': 5, '429 TOO_MANY_ATTEMPTS': 1, '404 NO_PENDING_VERIFICATION': AT_ONCE - 6 };

  it('SMS sign-in (Verify Code)', async () => {
    expect((await send('POST', '/api/auth/user/send-sms-code', { phone: '+41791234567' })).status).toBe(200);
    const code = outboxTo('+41791234567').at(-1)?.code;
    const answers = await atOnce(() => send('POST', '/api/auth/user/verify-code', { phone: '+41791234567', code: wrongFor(code) }));
    expect(tally(answers)).toEqual(afterGuessing);
    // Every count from 4 down to 0 was told exactly once: no two tries saw the same count.
    expect(
      answers
        .filter((answer) => answer.status === 422)
        .map((answer) => answer.body.attemptsLeft)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4]);
    expect((await send('POST', '/api/auth/user/verify-code', { phone: '+41791234567', code })).status).toBe(404);
  });

  it('2FA challenge (Verify Challenge)', async () => {
    const signIn = await send('POST', '/api/auth/user/sign-in', { login: 'bob@example.com', password: 'bob-pass-2' });
    const challengeId = (signIn.body.challenge as { id: string }).id;
    const code = outboxTo('+41798887766').at(-1)?.code;
    const answers = await atOnce(() => send('POST', '/api/auth/user/verify-challenge', { challengeId, code: wrongFor(code) }));
    expect(tally(answers)).toEqual(afterGuessing);
    expect((await send('POST', '/api/auth/user/verify-challenge', { challengeId, code })).status).toBe(404);
  });

  it('profile phone change (Verify Profile Code)', async () => {
    expect((await send('PUT', '/api/profile/phone', { phone: '+41790001122' }, 'alice')).status).toBe(200);
    const code = outboxTo('+41790001122').at(-1)?.code;
    const answers = await atOnce(() => send('POST', '/api/profile/verify-code', { type: 'phone', code: wrongFor(code) }, 'alice'));
    expect(tally(answers)).toEqual(afterGuessing);
    expect((await send('POST', '/api/profile/verify-code', { type: 'phone', code }, 'alice')).status).toBe(404);
    expect(mock.context.data().users.find((user) => user.id === 'usr_alice')?.phone).toBe('+41791234567');
  });

  it('PACE phone change (VerifyUserPhone: a wrong code is a 404 INVALID_CODE there)', async () => {
    const put = await send(
      'PUT',
      '/user/2021-2/user/phone',
      { data: { type: 'phone', attributes: { phoneNumber: '+41790005566' } } },
      'dave',
      'application/vnd.api+json',
    );
    expect(put.status).toBe(201);
    const code = outboxTo('+41790005566').at(-1)?.code;
    const answers = await atOnce(() => send('PUT', '/user/2021-2/user/phone/verify', { code: wrongFor(code) }, 'dave'));
    expect(tally(answers)).toEqual({ '404 INVALID_CODE': 5, '429 TOO_MANY_ATTEMPTS': 1, '404 NO_PENDING_VERIFICATION': AT_ONCE - 6 });
    expect((await send('PUT', '/user/2021-2/user/phone/verify', { code }, 'dave')).status).toBe(404);
  });
});

describe(`send limits: ${AT_ONCE} sends at once to one destination send one message`, () => {
  it.each([
    ['SMS sign-in code', () => send('POST', '/api/auth/user/send-sms-code', { phone: '+41761112233' }), '+41761112233', 200],
    ['password reset email', () => send('POST', '/api/auth/user/reset-password', { email: 'alice@example.com' }), 'alice@example.com', 200],
    ['profile phone change', () => send('PUT', '/api/profile/phone', { phone: '+41761112233' }, 'alice'), '+41761112233', 200],
    [
      'profile email change',
      () => send('PUT', '/api/profile/email', { email: 'new.alice@example.com' }, 'alice'),
      'new.alice@example.com',
      200,
    ],
    [
      'PACE first number',
      () =>
        send(
          'PUT',
          '/user/2021-2/user/phone',
          { data: { type: 'phone', attributes: { phoneNumber: '+41761112233' } } },
          'dave',
          'application/vnd.api+json',
        ),
      '+41761112233',
      201,
    ],
  ] as const)('%s: one success, the rest 429 RESEND_TOO_SOON with Retry-After', async (_name, make, to, success) => {
    const answers = await atOnce(make);
    expect(tally(answers)).toEqual({ [`${success} OK`]: 1, '429 RESEND_TOO_SOON': AT_ONCE - 1 });
    for (const refused of answers.filter((answer) => answer.status === 429)) expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(outboxTo(to)).toHaveLength(1);
  });

  it('the hourly limit holds under waves of concurrent sends: 5 messages an hour, never a 6th', async () => {
    const perWave: number[] = [];
    for (let wave = 0; wave < 7; wave += 1) {
      const answers = await atOnce(() => send('POST', '/api/auth/user/send-sms-code', { phone: '+41761112233' }));
      perWave.push(answers.filter((answer) => answer.status === 200).length);
      if (wave >= 5) expect(answers.every((answer) => answer.code === 'TOO_MANY_REQUESTS')).toBe(true);
      mock.context.clock.advance(61_000);
    }
    expect(perWave).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(outboxTo('+41761112233')).toHaveLength(5);
  });
});

describe(`sign-in lockout: ${AT_ONCE} wrong passwords at once`, () => {
  it('count 5 failures, refuse the rest with 429, and lock the right password too until 15 minutes pass', async () => {
    const answers = await atOnce(() =>
      send('POST', '/api/auth/user/sign-in', { login: 'alice@example.com', password: 'wrong-password-1' }),
    );
    expect(tally(answers)).toEqual({ '401 INVALID_CREDENTIALS': 5, '429 TOO_MANY_ATTEMPTS': AT_ONCE - 5 });
    expect(mock.context.data().signInFailures.filter((failure) => failure.login === 'alice@example.com')).toHaveLength(5);
    const locked = await send('POST', '/api/auth/user/sign-in', { login: 'ALICE@example.com', password: 'alice-pass-1' });
    expect(locked.code).toBe('TOO_MANY_ATTEMPTS');
    mock.context.clock.advance(15 * MINUTE);
    expect((await send('POST', '/api/auth/user/sign-in', { login: 'alice@example.com', password: 'alice-pass-1' })).status).toBe(200);
  });
});
