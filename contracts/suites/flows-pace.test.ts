// Group `flows`: the PACE User API phone change (pace-user-phone.md), step by step with the state
// read back between steps: GET /user/phone (200 verified, 201 set but not verified, 404 none) and,
// when both APIs live on one server, Pocketm8's GET /profile.
//
// Users: fresh SMS sign-ups (they have a verified phone and no email), given an email through
// Pocketm8's email change where a change must be confirmed by email. A first number needs a user
// without a phone, which no sign-up gives: the mock's fixture user dave, or a configured test user
// without a phone. The fixture users dave and erin are used in this file only (tests in one file
// run one after the other); against a mock the file has a fresh world of its own, so they are as
// the fixtures made them. Nothing is restored, so in a world or server that was not reset since an
// earlier run (`--world`) the tests that need dave without a phone skip with that reason.
import request from 'supertest';
import { describe, expect, it, type TestContext } from 'vitest';
import { mediaTypeParameterProblem } from '../../mock/core/compiled-spec.ts';
import { giveEmail } from '../lib/accounts.ts';
import { clockStill, movingClock } from '../lib/clock-lease.ts';
import { contractSettings, control, pace, pocketm8, type ContractResponse } from '../lib/client.ts';
import type { Sent } from '../lib/code-sources.ts';
import { titled, type Need } from '../lib/flow-test.ts';
import { advanceClock, freshPhone, lacking, secretOf, signUpBySms, wrongCode, type TestUser } from '../lib/world.ts';

interface JsonApiError {
  id: string;
  status: string;
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

interface Profile {
  email: string | null;
  phone: string | null;
  phoneVerified: boolean;
}

/**
 * A flow test: skipped with the reason in its title when the run lacks what it needs; when files
 * share a clock, one that moves it runs alone, every other one while it stands still
 * (clock-lease.ts), so no code expires under a test in another file. The context lets a test skip itself with a
 * reason found on the way (a fixture user that is not there).
 */
function flow(needs: readonly Need[], title: string, fn: (ctx: TestContext) => Promise<void>): void {
  const reason = lacking(...needs);
  it.skipIf(reason !== undefined)(titled(title, reason), (ctx) =>
    needs.includes('clock') ? movingClock(() => fn(ctx)) : clockStill(() => fn(ctx)),
  );
}

const { pocketm8Url, paceUrl, controlUrl } = contractSettings();
const SEPARATE_SERVERS =
  new URL(paceUrl).origin === new URL(pocketm8Url).origin
    ? undefined
    : `PACE (${paceUrl}) and Pocketm8 (${pocketm8Url}) are separate servers: Pocketm8's profile is not checked`;

// ---- PACE calls ------------------------------------------------------------------------------

const phoneDocument = (phoneNumber: string) => ({ data: { type: 'phone', id: 'contract-suite', attributes: { phoneNumber } } });

const checkPhone = (token: string | null) => pace('CheckUserPhone', { token });

/** PUT /user/phone; every answer of the deprecated operation carries `Deprecation: true`. */
async function updatePhone(token: string | null, phoneNumber: string): Promise<ContractResponse> {
  const res = await pace('UpdateUserPhone', { token, body: phoneDocument(phoneNumber) });
  expect(res.headers.deprecation, `Deprecation header on UpdateUserPhone -> ${res.status}`).toBe('true');
  return res;
}

const verifyPhone = (token: string | null, code: string) => pace('VerifyUserPhone', { token, body: { code } });

/** GET /user/phone answers this status (and a JSON:API 404 when there is no phone). */
async function expectPhoneStatus(token: string, status: 200 | 201 | 404): Promise<void> {
  const res = await checkPhone(token);
  expect(res.status, 'GET /user/phone').toBe(status);
  if (status === 404) expectErrors(res, 404, 'NOT_FOUND');
}

/**
 * A JSON:API error document: its content type, `status` as a string, the code, and every error's
 * `id` equal to the `Request-Id` header. Returns the errors.
 */
function expectErrors(res: ContractResponse, status: number, code: string): JsonApiError[] {
  expect(res.status).toBe(status);
  // JSON:API allows no media type parameters but ext and profile (the client's spec check says so too).
  expect(res.headers['content-type']?.split(';')[0]).toBe('application/vnd.api+json');
  const requestId = res.headers['request-id'];
  expect(requestId, 'Request-Id header').toEqual(expect.any(String));
  const { errors } = res.body as { errors: JsonApiError[] };
  expect(errors[0]).toMatchObject({ id: requestId, status: String(status), code });
  for (const error of errors) expect(error).toMatchObject({ id: requestId, status: String(status) });
  return errors;
}

// ---- secrets and links -------------------------------------------------------------------------

async function codeOf(sent: Sent): Promise<string> {
  const { code } = await secretOf(sent);
  expect(code, `${sent.purpose} code sent to ${sent.to}`).toMatch(/^\d{6}$/);
  return code ?? '';
}

const smsCodeTo = (phone: string) => codeOf({ channel: 'sms', to: phone, purpose: 'pace-phone-change' });

async function confirmUrlFor(email: string): Promise<string> {
  const { confirmUrl } = await secretOf({ channel: 'email', to: email.toLowerCase(), purpose: 'pace-phone-confirm' });
  expect(confirmUrl, `confirmation link emailed to ${email}`).toMatch(/^https?:\/\//);
  return confirmUrl ?? '';
}

interface Opened {
  status: number;
  /** The link is the mock's own confirmation route, whose answers its control spec documents. */
  mock: boolean;
}

/**
 * Opens a confirmation link as a browser would (a plain GET). The mock's own link goes through the
 * control spec's client, so its answer is checked and counted too.
 */
async function openLink(url: string): Promise<Opened> {
  const link = new URL(url);
  // In a world other than the default the link carries it: /worlds/{name}/__mock/pace/confirm/{token}.
  const token = /^(?:\/worlds\/[^/]+)?\/__mock\/pace\/confirm\/([^/]+)$/.exec(link.pathname)?.[1];
  if (controlUrl && token && link.origin === new URL(controlUrl).origin) {
    const res = await control('confirmPacePhoneChange', { params: { token: decodeURIComponent(token) } });
    return { status: res.status, mock: true };
  }
  const res = await request(link.origin).get(`${link.pathname}${link.search}`).redirects(5);
  return { status: res.status, mock: false };
}

async function expectLinkOpens(url: string): Promise<void> {
  const opened = await openLink(url);
  if (opened.mock) expect(opened.status, 'confirmation link').toBe(200);
  else expect(opened.status, 'confirmation link').toBeLessThan(400);
}

// ---- users -------------------------------------------------------------------------------------

interface UserWithEmail extends TestUser {
  email: string;
}

/** Gives a user an email through Pocketm8's email change, so a PACE change can be confirmed. */
const addEmail = async (user: TestUser): Promise<UserWithEmail> => ({ ...user, email: await giveEmail(user) });
const userWithEmail = async () => addEmail(await signUpBySms());

/** Signs a user in by password; skips the test when that fails (no such user on this server). */
async function signInAs(
  ctx: TestContext,
  login: string,
  password: string,
): Promise<{ login: string; token: string; phone: string | null }> {
  const res = await pocketm8('signIn', { body: { login, password } });
  const body = res.body as { token?: string; user?: { phone: string | null } };
  if (res.status !== 200 || !body.token || !body.user) ctx.skip(`${login} cannot sign in by password (${res.status}, or 2FA is on)`);
  return { login, token: body.token ?? '', phone: body.user?.phone ?? null };
}

/**
 * A user without a phone: the mock's dave, or the configured test user if it has none. Skips the
 * test (naming why) when there is none.
 */
async function userWithoutPhone(ctx: TestContext): Promise<string> {
  const { user } = contractSettings();
  const mock = !lacking('control');
  const candidate = mock
    ? await signInAs(ctx, 'dave@example.com', 'dave-pass-4')
    : user
      ? await signInAs(ctx, user.login, user.password)
      : ctx.skip('needs a user without a phone: the mock (fixture user dave) or a configured test user (--login/--password) without one');
  if (candidate.phone) {
    ctx.skip(
      `${candidate.login} already has a phone (${candidate.phone})${mock ? ': the mock was not reset (POST /__mock/reset) since an earlier run' : ''}`,
    );
  }
  return candidate.token;
}

/** Pocketm8's view of the user, when both APIs are on one server (named in the test once otherwise). */
function pocketm8View(ctx: TestContext, token: string) {
  let noted = false;
  return async (expected: Partial<Profile>): Promise<void> => {
    if (SEPARATE_SERVERS) {
      if (!noted) await ctx.annotate(SEPARATE_SERVERS);
      noted = true;
      return;
    }
    const res = await pocketm8('getProfile', { token });
    expect(res.status).toBe(200);
    expect(res.body, 'GET /api/profile').toMatchObject(expected);
  };
}

/** `+41781234567` -> `+41 78 123 45 67`, as PACE's documentation writes numbers. */
const spaced = (phone: string) => phone.replace(/^(\+\d{2})(\d{2})(\d{3})(\d{2})(\d{2})$/, '$1 $2 $3 $4 $5');
/** A fresh number ending in the given digits (the mock's magic endings). */
const endingIn = (digits: string) => `${freshPhone().slice(0, -digits.length)}${digits}`;

/** PUT a change for a user with a phone and an email, open the emailed link: the SMS code. */
async function changeUpToCode(user: UserWithEmail, phone: string): Promise<{ code: string; link: string }> {
  expect((await updatePhone(user.token, phone)).status).toBe(201);
  const link = await confirmUrlFor(user.email);
  await expectLinkOpens(link);
  return { code: await smsCodeTo(phone), link };
}

// ---- the tests ---------------------------------------------------------------------------------

// Before the first-number flow: these leave dave without a phone, the flow then gives him one.
describe("PACE phone change: the mock's magic numbers", () => {
  flow(['control'], 'a first number ending in 0000 answers 502 DELIVERY_FAILED and nothing is pending (dave)', async (ctx) => {
    const token = await userWithoutPhone(ctx);
    expectErrors(await updatePhone(token, endingIn('0000')), 502, 'DELIVERY_FAILED');
    await expectPhoneStatus(token, 404);
    expectErrors(await verifyPhone(token, '123456'), 404, 'NO_PENDING_VERIFICATION');
  });

  flow(['control', 'code'], 'a number ending in 9999 answers 409 PHONE_TAKEN and the phone stays', async (ctx) => {
    const user = await userWithEmail();
    const [error] = expectErrors(await updatePhone(user.token, endingIn('9999')), 409, 'PHONE_TAKEN');
    expect(error?.source).toEqual({ pointer: '/data/attributes/phoneNumber' });
    await expectPhoneStatus(user.token, 200);
    await pocketm8View(ctx, user.token)({ phone: user.phone, phoneVerified: true });
  });

  flow(
    ['control', 'code', 'confirmUrl'],
    'a change to a number ending in 0000: the link answers 502, stays valid, and no code is pending',
    async () => {
      const user = await userWithEmail();
      expect((await updatePhone(user.token, endingIn('0000'))).status).toBe(201);
      const link = await confirmUrlFor(user.email);
      expect((await openLink(link)).status).toBe(502);
      expectErrors(await verifyPhone(user.token, '123456'), 404, 'NO_PENDING_VERIFICATION');
      expect((await openLink(link)).status).toBe(502);
      await expectPhoneStatus(user.token, 200);
    },
  );
});

describe('PACE phone change: the first number (no email is sent)', () => {
  flow(
    ['code'],
    'GET 404 -> PUT 201 -> GET 201 -> wrong code 404 -> right code 200 -> GET 200, and Pocketm8 shows the verified phone',
    async (ctx) => {
      const token = await userWithoutPhone(ctx);
      const profile = pocketm8View(ctx, token);
      const phone = freshPhone();
      await expectPhoneStatus(token, 404);

      const put = await updatePhone(token, spaced(phone));
      expect(put.status).toBe(201);
      expect(put.text).toBe('');
      const code = await smsCodeTo(phone);
      await expectPhoneStatus(token, 201);
      await profile({ phone: null, phoneVerified: false });

      const [wrong] = expectErrors(await verifyPhone(token, wrongCode(code)), 404, 'INVALID_CODE');
      expect(wrong?.meta).toMatchObject({ attemptsLeft: 4 });
      await expectPhoneStatus(token, 201);

      const verified = await verifyPhone(token, code);
      expect(verified.status).toBe(200);
      expect(verified.headers.deprecation).toBeUndefined();
      await expectPhoneStatus(token, 200);
      await profile({ phone, phoneVerified: true });
      expectErrors(await verifyPhone(token, code), 404, 'NO_PENDING_VERIFICATION');
    },
  );
});

describe('PACE phone change: change of an existing number (confirmed by email)', () => {
  flow(
    ['code', 'confirmUrl'],
    '422 EMAIL_REQUIRED without an email; with one: PUT 201, old number in force, link, SMS code, verify 200; same number again 200',
    async (ctx) => {
      const signedUp = await signUpBySms();
      const profile = pocketm8View(ctx, signedUp.token);
      const next = freshPhone();
      await expectPhoneStatus(signedUp.token, 200);

      const [noEmail] = expectErrors(await updatePhone(signedUp.token, next), 422, 'EMAIL_REQUIRED');
      expect(noEmail?.title).toBe('Email required');
      await expectPhoneStatus(signedUp.token, 200);
      expectErrors(await verifyPhone(signedUp.token, '123456'), 404, 'NO_PENDING_VERIFICATION');

      const user = await addEmail(signedUp);
      expect((await updatePhone(user.token, spaced(next))).status).toBe(201);
      await expectPhoneStatus(user.token, 200);
      await profile({ phone: user.phone, phoneVerified: true });
      expectErrors(await verifyPhone(user.token, '123456'), 404, 'NO_PENDING_VERIFICATION');

      const link = await confirmUrlFor(user.email);
      await expectLinkOpens(link);
      const code = await smsCodeTo(next);
      const reopened = await openLink(link);
      if (reopened.mock) expect(reopened.status, 'a used link').toBe(404);
      await expectPhoneStatus(user.token, 200);
      await profile({ phone: user.phone, phoneVerified: true });

      expect((await verifyPhone(user.token, code)).status).toBe(200);
      await expectPhoneStatus(user.token, 200);
      await profile({ phone: next, phoneVerified: true });

      const sentBefore = lacking('control') ? undefined : await outboxCount(user.email, next);
      expect((await updatePhone(user.token, next)).status).toBe(200);
      if (sentBefore !== undefined) expect(await outboxCount(user.email, next), 'nothing sent for the number in force').toBe(sentBefore);
      expectErrors(await verifyPhone(user.token, code), 404, 'NO_PENDING_VERIFICATION');
      await profile({ phone: next, phoneVerified: true });
    },
  );

  flow(
    ['code', 'confirmUrl'],
    'a second PUT within 60 s answers 429 RESEND_TOO_SOON with Retry-After; the first request stays valid',
    async (ctx) => {
      const user = await userWithEmail();
      const next = freshPhone();
      expect((await updatePhone(user.token, next)).status).toBe(201);
      const link = await confirmUrlFor(user.email);

      const again = await updatePhone(user.token, next);
      const [error] = expectErrors(again, 429, 'RESEND_TOO_SOON');
      const retryAfter = Number(again.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(error?.meta).toMatchObject({ retryAfter });

      await expectLinkOpens(link);
      expect((await verifyPhone(user.token, await smsCodeTo(next))).status).toBe(200);
      await pocketm8View(ctx, user.token)({ phone: next, phoneVerified: true });
    },
  );
});

/** Outbox entries (mock only) for a PACE change: confirmation emails and SMS codes. */
async function outboxCount(email: string, phone: string): Promise<number> {
  const emails = await control('listOutbox', { query: { to: email.toLowerCase(), purpose: 'pace-phone-confirm' } });
  const sms = await control('listOutbox', { query: { to: phone, purpose: 'pace-phone-change' } });
  return (emails.body as unknown[]).length + (sms.body as unknown[]).length;
}

describe('PACE phone change: codes, limits and the 24 h cancel', () => {
  flow(
    ['code', 'confirmUrl'],
    'five wrong codes count down attemptsLeft (a malformed code is 422 and no try); the 6th try answers 429 and burns the code',
    async (ctx) => {
      const user = await userWithEmail();
      const next = freshPhone();
      const { code } = await changeUpToCode(user, next);

      for (const left of [4, 3, 2, 1, 0]) {
        const [error] = expectErrors(await verifyPhone(user.token, wrongCode(code)), 404, 'INVALID_CODE');
        expect(error?.meta).toMatchObject({ attemptsLeft: left });
        if (left === 4) {
          const [malformed] = expectErrors(
            await pace('VerifyUserPhone', { token: user.token, body: { code: '12345' } }),
            422,
            'VALIDATION_ERROR',
          );
          expect(malformed?.source).toEqual({ pointer: '/code' });
        }
      }
      expectErrors(await verifyPhone(user.token, code), 429, 'TOO_MANY_ATTEMPTS');
      expectErrors(await verifyPhone(user.token, code), 404, 'NO_PENDING_VERIFICATION');
      await expectPhoneStatus(user.token, 200);
      await pocketm8View(ctx, user.token)({ phone: user.phone, phoneVerified: true });
    },
  );

  flow(['clock', 'code', 'confirmUrl'], 'a code 10 minutes old answers 410 CODE_EXPIRED and the old number stays', async (ctx) => {
    const user = await userWithEmail();
    const { code } = await changeUpToCode(user, freshPhone());
    await advanceClock('10m');
    expectErrors(await verifyPhone(user.token, code), 410, 'CODE_EXPIRED');
    await expectPhoneStatus(user.token, 200);
    await pocketm8View(ctx, user.token)({ phone: user.phone, phoneVerified: true });
  });

  flow(
    ['clock', 'code', 'confirmUrl'],
    'a change not completed within 24 h is cancelled: verify 404, the old number stays, an unopened link answers 410',
    async (ctx) => {
      const user = await userWithEmail();
      const profile = pocketm8View(ctx, user.token);
      const { code } = await changeUpToCode(user, freshPhone());
      await advanceClock('24h');
      expectErrors(await verifyPhone(user.token, code), 404, 'NO_PENDING_VERIFICATION');
      await expectPhoneStatus(user.token, 200);
      await profile({ phone: user.phone, phoneVerified: true });

      expect((await updatePhone(user.token, freshPhone())).status).toBe(201);
      const link = await confirmUrlFor(user.email);
      await advanceClock('24h');
      expect((await openLink(link)).status, 'a link older than 24 h').toBe(410);
      expectErrors(await verifyPhone(user.token, '123456'), 404, 'NO_PENDING_VERIFICATION');
      await expectPhoneStatus(user.token, 200);
      await profile({ phone: user.phone, phoneVerified: true });
    },
  );
});

// The negative group checks these answers in detail; here: a refused request leaves the flow as
// it was (nothing sent, nothing pending, no try used up).
describe('PACE phone change: requests refused at the door change nothing', () => {
  /** Over the mock's 1 MB; a real backend may accept more, so these rows need the mock. */
  const oversized = (document: object) => JSON.stringify({ ...document, padding: 'x'.repeat(1_100_000) });
  const noMock = lacking('control');

  flow(
    ['code'],
    `PUT refused with 406 (Accept) or 415 (Content-Type)${noMock ? '' : ' or 413 (over 1 MB)'} sends nothing: the next PUT is not too soon`,
    async () => {
      const user = await userWithEmail();
      const next = freshPhone();
      const document = phoneDocument(next);
      expectErrors(
        await pace('UpdateUserPhone', { token: user.token, body: document, headers: { Accept: 'application/json' } }),
        406,
        'NOT_ACCEPTABLE',
      );
      expectErrors(
        await pace('UpdateUserPhone', { token: user.token, body: document, contentType: 'application/json' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      if (!noMock) {
        expectErrors(
          await pace('UpdateUserPhone', { token: user.token, raw: oversized(document), contentType: 'application/vnd.api+json' }),
          413,
          'PAYLOAD_TOO_LARGE',
        );
      }
      expectErrors(await verifyPhone(user.token, '123456'), 404, 'NO_PENDING_VERIFICATION');
      await expectPhoneStatus(user.token, 200);
      expect((await updatePhone(user.token, next)).status, 'the first PUT that is let in').toBe(201);
    },
  );

  flow(
    ['code', 'confirmUrl'],
    `verify refused with 415 (Content-Type)${noMock ? '' : ' or 413 (over 1 MB)'} is no try: a wrong code then still leaves 4 attempts`,
    async (ctx) => {
      const user = await userWithEmail();
      const next = freshPhone();
      const { code } = await changeUpToCode(user, next);
      expectErrors(
        await pace('VerifyUserPhone', { token: user.token, body: { code }, contentType: 'application/vnd.api+json' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      if (!noMock) {
        expectErrors(
          await pace('VerifyUserPhone', { token: user.token, raw: oversized({ code }), contentType: 'application/json' }),
          413,
          'PAYLOAD_TOO_LARGE',
        );
      }
      await expectPhoneStatus(user.token, 200);
      const [wrong] = expectErrors(await verifyPhone(user.token, wrongCode(code)), 404, 'INVALID_CODE');
      expect(wrong?.meta).toMatchObject({ attemptsLeft: 4 });
      expect((await verifyPhone(user.token, code)).status).toBe(200);
      await pocketm8View(ctx, user.token)({ phone: next, phoneVerified: true });
    },
  );
});

describe('PACE phone change: JSON:API errors', () => {
  const operations = [
    ['CheckUserPhone', undefined],
    ['UpdateUserPhone', phoneDocument('+41781234567')],
    ['VerifyUserPhone', { code: '123456' }],
  ] as const;
  const UNAUTHORIZED = [
    ...operations.map(([operationId, body]) => [operationId, 'no token', null, body] as const),
    ...operations.map(([operationId, body]) => [operationId, 'a garbage token', 'not-a-token-0123456789', body] as const),
  ];

  it("every answer's Request-Id is an xid as PACE's (cbgmhslmp1o9or9kh1p0), new for each request; errors are application/vnd.api+json without charset", async () => {
    const answers = [await checkPhone(null), await updatePhone(null, '+41781234567'), await verifyPhone(null, '123456')];
    const ids = answers.map((res) => {
      const [error] = expectErrors(res, 401, 'UNAUTHENTICATED');
      expect(mediaTypeParameterProblem(res.headers['content-type']), 'no parameter but ext and profile (no charset)').toBeUndefined();
      expect(error?.id, 'an xid: 20 characters of lowercase base32hex').toMatch(/^[0-9a-v]{19}[0g]$/);
      return error?.id;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(UNAUTHORIZED)('%s with %s answers 401 UNAUTHENTICATED', async (operationId, _what, token, body) => {
    const res = await pace(operationId, { token, body });
    expectErrors(res, 401, 'UNAUTHENTICATED');
    if (operationId === 'UpdateUserPhone') expect(res.headers.deprecation).toBe('true');
  });

  const noControl = lacking('control');
  it.skipIf(noControl !== undefined).for(operations)(
    titled('%s answers 401 missing-linked-identity to a user without a linked identity (erin)', noControl),
    async ([operationId, body], ctx) => {
      const { token } = await signInAs(ctx, 'erin@example.com', 'erin-pass-5');
      const [error] = expectErrors(await pace(operationId, { token, body }), 401, 'missing-linked-identity');
      expect(error).toMatchObject({
        title: 'Missing linked identity for authorized access',
        detail: 'Linked identity is needed to access this resource, please check why the user does not have a linked identity',
      });
    },
  );

  flow(['code'], "PUT another user's verified number answers 409 PHONE_TAKEN; nothing is pending", async (ctx) => {
    const user = await userWithEmail();
    const other = await signUpBySms();
    expectErrors(await updatePhone(user.token, spaced(other.phone)), 409, 'PHONE_TAKEN');
    await expectPhoneStatus(user.token, 200);
    expectErrors(await verifyPhone(user.token, '123456'), 404, 'NO_PENDING_VERIFICATION');
    await pocketm8View(ctx, user.token)({ phone: user.phone, phoneVerified: true });
  });

  flow(
    ['code', 'confirmUrl'],
    'verify answers 409 PHONE_TAKEN when another user verified the number in the meantime; the old number stays',
    async (ctx) => {
      const user = await userWithEmail();
      const next = freshPhone();
      const { code } = await changeUpToCode(user, next);
      const other = await signUpBySms(next);
      expect(other.userId).not.toBe(user.userId);
      expectErrors(await verifyPhone(user.token, code), 409, 'PHONE_TAKEN');
      await expectPhoneStatus(user.token, 200);
      await pocketm8View(ctx, user.token)({ phone: user.phone, phoneVerified: true });
    },
  );
});
