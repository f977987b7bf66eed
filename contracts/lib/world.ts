import { randomInt } from 'node:crypto';
import { expect } from 'vitest';
import { contractSettings, control, pocketm8, worldHeaders, worldOf } from './client.ts';
import { movingClock } from './clock-lease.ts';
import { parseCodeSource, type CodeSource, type Sent } from './code-sources.ts';

/** The code source of each world (the files of a worker share these modules: vitest `isolate: false`). */
const sources = new Map<string, CodeSource>();

/**
 * The run's code source, from the settings, one per world of the mock: a world counts its own sends
 * (the `n` of derived codes), and its outbox is read in it.
 */
export function codes(): CodeSource {
  const settings = contractSettings();
  const world = worldOf() ?? '';
  let source = sources.get(world);
  if (!source) {
    source = parseCodeSource(settings.codeSource, settings.controlUrl, settings.adminToken, worldHeaders);
    sources.set(world, source);
  }
  return source;
}

/** Why a test that needs something the run lacks is skipped; undefined when it can run. */
export function lacking(...needs: ('code' | 'token' | 'confirmUrl' | 'clock' | 'control')[]): string | undefined {
  const settings = contractSettings();
  for (const need of needs) {
    if (need === 'clock' && settings.clock !== 'mock') return 'needs a movable clock (the mock control API)';
    if (need === 'control' && !settings.controlUrl) return 'needs the mock control API';
    if ((need === 'code' || need === 'token' || need === 'confirmUrl') && !codes().gives.has(need))
      return `code source ${codes().name} gives no ${need}`;
  }
  return undefined;
}

/** Reads the secret of a send the test just caused (and counts it, for derived codes). */
export async function secretOf(sent: Sent) {
  codes().noteSend(sent);
  return codes().read(sent);
}

let counter = 0;
// Each vitest worker numbers its phones in its own block (parallel files never collide); a random
// start inside the block keeps runs against a long-lived server apart from each other.
const block = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 0) % 100;
const start = randomInt(0, 100_000);

/**
 * A phone number no other test (or earlier run) uses: +4178, two digits of the worker, five of a
 * counter; never ending in 0000 or 9999 (the mock's failing and taken numbers).
 */
export function freshPhone(): string {
  let tail: string;
  do {
    counter += 1;
    tail = String((start + counter) % 100_000).padStart(5, '0');
  } while (/0000$|9999$/.test(tail));
  return `+4178${String(block).padStart(2, '0')}${tail}`;
}

export interface TestUser {
  token: string;
  userId: string;
  phone: string;
}

/** Signs up a new user by SMS (send code, read it, verify); every step is checked against the spec. */
export async function signUpBySms(phone = freshPhone()): Promise<TestUser> {
  const sent = await pocketm8('sendSmsCode', { body: { phone } });
  expect(sent.status).toBe(200);
  const { code } = await secretOf({ channel: 'sms', to: phone, purpose: 'sign-in' });
  const verified = await pocketm8('verifyCode', { body: { phone, code } });
  expect(verified.status).toBe(200);
  const body = verified.body as { token: string; user: { id: string } };
  return { token: body.token, userId: body.user.id, phone };
}

/**
 * Moves the mock clock forward (`11m`, `24h`), under the clock lease (clock-lease.ts): it waits
 * until no test of this run holds the clock still. A test that moves the clock between a send and
 * its verify should run whole inside `movingClock` (as `flow([... 'clock'])` does).
 */
export async function advanceClock(duration: string): Promise<void> {
  await movingClock(async () => {
    const res = await control('moveClock', { body: { advance: duration } });
    expect(res.status, 'POST /__mock/clock').toBe(200);
  });
}

/** A code that is certainly wrong. */
export const wrongCode = (code: string | undefined) => (code === '000000' ? '111111' : '000000');

/**
 * The user a test file works as: the configured test user (password sign-in), or a new user
 * signed up by SMS when none is configured.
 */
export async function testUser(): Promise<TestUser> {
  const { user } = contractSettings();
  if (!user) return signUpBySms();
  const res = await pocketm8('signIn', { body: { login: user.login, password: user.password } });
  expect(res.status, `sign-in of the configured test user ${user.login}`).toBe(200);
  const body = res.body as { token?: string; user?: { id: string; phone: string | null } };
  if (!body.token || !body.user) throw new Error(`the test user ${user.login} has 2FA on: configure one without`);
  return { token: body.token, userId: body.user.id, phone: body.user.phone ?? '' };
}
