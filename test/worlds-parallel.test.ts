// Worlds keep apart (worlds.md, "What must hold"): the flows of both APIs run in four worlds of one
// mock at once give the same answers and the same derived codes as the same flows run alone on a
// fresh mock. Every world uses the same users and the same destinations, so a counter, clock or
// outbox shared between worlds would change the `n` of a derived code, expire a code or answer a
// resend too soon, and the transcripts would differ.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveCode, deriveToken, type Purpose } from '../mock/domain/codes.ts';
import type { MockApp } from '../mock/server/app.ts';
import { TEST_CONFIG, TOKENS, createTestApp } from './harness.ts';
import { listen, type Listening } from './reliability/listening.ts';

const SEED = TEST_CONFIG.codes.kind === 'derived' ? TEST_CONFIG.codes.seed : 'pocketm8';
const WORLDS = ['parallel-1', 'parallel-2', 'parallel-3', 'parallel-4'] as const;

/** One step of a flow as the client saw it: the answer, with what differs by nature made comparable. */
interface Step {
  step: string;
  status: number;
  body: unknown;
}

/** A flow's record: its steps and the secrets it read from its world's outbox. */
interface Transcript {
  steps: Step[];
  secrets: { purpose: Purpose; to: string; n: number; secret: string }[];
}

/**
 * Makes two runs comparable: the server's origin and a world's `/worlds/{name}` prefix (URLs for a
 * browser carry the world), times and waits (each world's clock runs from its own start, in real
 * time), session tokens and request ids (random by design) become placeholders. Everything else (ids, codes, links' tokens,
 * messages, counts) must be equal.
 */
function comparable(value: unknown, origin: string): unknown {
  if (typeof value === 'string')
    return value
      .split(origin)
      .join('<origin>')
      .replace(/\/worlds\/[A-Za-z0-9_.-]+/g, '')
      .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\b/g, '<time>')
      .replace(/\bpm8_[0-9a-f]{32}\b/g, '<session>')
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<request id>');
  if (Array.isArray(value)) return value.map((item) => comparable(item, origin));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      // A wait in seconds counts down in real time between two requests (checked where it is answered).
      Object.entries(value).map(([key, inner]) => [key, key === 'retryAfter' ? '<seconds>' : comparable(inner, origin)]),
    );
  return value;
}

/**
 * Runs the flows of both APIs in one world of the mock at `origin` (`world` undefined: the
 * default world, no header), each step after the other, and answers the transcript.
 */
async function runFlows(origin: string, world: string | undefined): Promise<Transcript> {
  const transcript: Transcript = { steps: [], secrets: [] };
  const inWorld = (req: request.Test) => (world ? req.set('X-Mock-World', world) : req);
  const send = async (
    step: string,
    method: 'get' | 'post' | 'put',
    path: string,
    options: { token?: string; body?: unknown; type?: string } = {},
  ) => {
    let req = inWorld(request(origin)[method](path));
    if (options.token) req = req.set('Authorization', `Bearer ${options.token}`);
    if (options.body !== undefined) req = req.set('Content-Type', options.type ?? 'application/json').send(JSON.stringify(options.body));
    const res = await req;
    const body: unknown = /json/.test(String(res.headers['content-type'])) ? res.body : res.text;
    transcript.steps.push({ step, status: res.status, body: comparable(body, origin) });
    return { status: res.status, body: res.body as Record<string, unknown> };
  };
  /** The latest secret for this purpose and destination in this world's outbox, checked against the formula with `n`. */
  const secret = async (purpose: Purpose, channel: 'sms' | 'email', to: string, n: number) => {
    const res = await inWorld(request(origin).get('/__mock/outbox/latest').query({ to, purpose, channel }));
    expect(res.status, `${purpose} to ${to} in ${world ?? 'default'}`).toBe(200);
    const message = res.body as { code?: string; token?: string; confirmUrl?: string };
    const token = purpose === 'password-reset' || purpose === 'pace-phone-confirm';
    const value = token ? message.token : message.code;
    expect(value, `${purpose} #${n} to ${to}: the derivation formula`).toBe(
      token ? deriveToken(SEED, purpose, to, n) : deriveCode(SEED, purpose, to, n),
    );
    transcript.secrets.push({ purpose, to, n, secret: value ?? '' });
    return message;
  };
  const moveClock = (advance: string) => send(`clock +${advance}`, 'post', '/__mock/clock', { body: { advance } });

  // Pocketm8 SMS sign-in: a known phone twice (resend after the cooldown: n = 2), then a sign-up.
  const alicePhone = '+41791234567';
  await send('sms sign-in: send', 'post', '/api/auth/user/send-sms-code', { body: { phone: alicePhone } });
  const tooSoon = await send('sms sign-in: resend too soon', 'post', '/api/auth/user/send-sms-code', { body: { phone: alicePhone } });
  expect(tooSoon.body.retryAfter, 'the 60 s cooldown, less the time the requests took').toBeGreaterThanOrEqual(55);
  await moveClock('61s');
  await send('sms sign-in: resend', 'post', '/api/auth/user/send-sms-code', { body: { phone: alicePhone } });
  const signIn = await secret('sign-in', 'sms', alicePhone, 2);
  const signedIn = await send('sms sign-in: verify', 'post', '/api/auth/user/verify-code', {
    body: { phone: alicePhone, code: signIn.code },
  });
  const alice = String(signedIn.body.token);
  const newPhone = '+41761112233';
  await send('sms sign-up: send', 'post', '/api/auth/user/send-sms-code', { body: { phone: newPhone } });
  const signUp = await secret('sign-in', 'sms', newPhone, 1);
  await send('sms sign-up: verify', 'post', '/api/auth/user/verify-code', { body: { phone: newPhone, code: signUp.code } });

  // Pocketm8 phone change: code, resend after the cooldown (n = 2), a wrong code, the right one.
  const alicesNewPhone = '+41765550001';
  await send('phone change: ask', 'put', '/api/profile/phone', { token: alice, body: { phone: alicesNewPhone } });
  await secret('phone-change', 'sms', alicesNewPhone, 1);
  await moveClock('61s');
  await send('phone change: resend', 'post', '/api/profile/resend-code', { token: alice, body: { type: 'phone' } });
  const phoneCode = await secret('phone-change', 'sms', alicesNewPhone, 2);
  const wrong = phoneCode.code === '000000' ? '111111' : '000000';
  await send('phone change: wrong code', 'post', '/api/profile/verify-code', { token: alice, body: { type: 'phone', code: wrong } });
  await send('phone change: verify', 'post', '/api/profile/verify-code', { token: alice, body: { type: 'phone', code: phoneCode.code } });

  // Pocketm8 email change.
  const alicesNewEmail = 'alice.parallel@example.com';
  await send('email change: ask', 'put', '/api/profile/email', { token: alice, body: { email: alicesNewEmail } });
  const emailCode = await secret('email-change', 'email', alicesNewEmail, 1);
  await send('email change: verify', 'post', '/api/profile/verify-code', { token: alice, body: { type: 'email', code: emailCode.code } });
  await send('profile after both changes', 'get', '/api/profile', { token: alice });

  // PACE phone change of a user with a phone: confirmation link by email, then an SMS code.
  const bobsNewPhone = '+49170888999001';
  const phoneDocument = (phoneNumber: string) => ({ data: { type: 'phone', id: 'parallel', attributes: { phoneNumber } } });
  const pace = { token: TOKENS.bob, type: 'application/vnd.api+json' };
  await send('pace change: ask', 'put', '/user/2021-2/user/phone', { ...pace, body: phoneDocument(bobsNewPhone) });
  const link = await secret('pace-phone-confirm', 'email', 'bob@example.com', 1);
  const confirmUrl = new URL(link.confirmUrl ?? '');
  if (world) expect(confirmUrl.pathname, 'the link carries its world').toMatch(new RegExp(`^/worlds/${world}/__mock/pace/confirm/`));
  // Opened as a browser opens it: no header, the world is in the link.
  const opened = await request(origin).get(confirmUrl.pathname);
  transcript.steps.push({ step: 'pace change: open the link', status: opened.status, body: comparable(opened.text, origin) });
  const paceCode = await secret('pace-phone-change', 'sms', bobsNewPhone, 1);
  await send('pace change: verify', 'put', '/user/2021-2/user/phone/verify', { token: TOKENS.bob, body: { code: paceCode.code } });
  await send('pace change: phone now', 'get', '/user/2021-2/user/phone', { token: TOKENS.bob });

  // PACE first number (dave has none): the SMS code at once.
  const davesPhone = '+49170888999002';
  await send('pace first number: ask', 'put', '/user/2021-2/user/phone', {
    token: TOKENS.dave,
    type: pace.type,
    body: phoneDocument(davesPhone),
  });
  const daveCode = await secret('pace-phone-change', 'sms', davesPhone, 1);
  await send('pace first number: verify', 'put', '/user/2021-2/user/phone/verify', { token: TOKENS.dave, body: { code: daveCode.code } });

  // The world's outbox as a whole: the same messages in the same order.
  await send('outbox', 'get', '/__mock/outbox');
  return transcript;
}

describe('four worlds at once answer as one flow alone', () => {
  let alone: Transcript;
  let shared: MockApp;
  let server: Listening;
  let parallel: Transcript[];

  beforeAll(async () => {
    const fresh = await createTestApp();
    const single = await listen(fresh);
    try {
      alone = await runFlows(single.origin, undefined);
    } finally {
      single.close();
    }
    expect(fresh.context.violations).toEqual([]);

    shared = await createTestApp();
    server = await listen(shared);
    parallel = await Promise.all(WORLDS.map((world) => runFlows(server.origin, world)));
  });

  afterAll(() => server?.close());

  it('the flows alone on a fresh mock keep to the rules', () => {
    const statuses = Object.fromEntries(alone.steps.map((step) => [step.step, step.status]));
    expect(statuses).toMatchObject({
      'sms sign-in: resend too soon': 429,
      'sms sign-in: verify': 200,
      'sms sign-up: verify': 200,
      'phone change: wrong code': 422,
      'phone change: verify': 200,
      'email change: verify': 200,
      'pace change: ask': 201,
      'pace change: open the link': 200,
      'pace change: verify': 200,
      'pace change: phone now': 200,
      'pace first number: verify': 200,
    });
    expect(alone.secrets.length).toBe(8);
  });

  it.each(WORLDS.map((world, index) => [world, index] as const))('%s gives the same answers and derived codes', (_world, index) => {
    expect(parallel[index]?.secrets).toEqual(alone.secrets);
    expect(parallel[index]?.steps).toEqual(alone.steps);
  });

  it('each world holds its own state, and the default world none of it', async () => {
    expect(shared.context.violations).toEqual([]);
    const res = await request(server.origin).get('/__mock/worlds');
    const worlds = res.body as { name: string; clockOffsetMs: number; counts: { users: number; outbox: number } }[];
    const byName = new Map(worlds.map((world) => [world.name, world]));
    // Nine messages each: the flows read eight secrets, the first sign-in code is replaced unread.
    const sent = (alone.steps.find((step) => step.step === 'outbox')?.body as unknown[]).length;
    expect(sent).toBe(9);
    for (const world of WORLDS) {
      expect(byName.get(world)?.counts.outbox, world).toBe(sent);
      // Two moves of 61 s each, in this world only.
      expect(byName.get(world)?.clockOffsetMs, world).toBe(122_000);
    }
    expect(byName.get('default')).toMatchObject({ clockOffsetMs: 0, counts: { outbox: 0 } });
  });
});
