// Dredd plans for Pocketm8's Profile operations. Whatever changes a profile runs on a brand-new
// user, so no transaction sees another's pending change.
import { BAD_ID, UNKNOWN_ID, oversized, skip, withoutToken, wrongCode, wrongMediaType, type Plan, type Step } from '../lib/plan.ts';
import { setJson, setToken, type DreddTransaction } from '../lib/transaction.ts';
import type { Need, User, World } from '../lib/world.ts';

/** Runs the transaction as a new user, after `setup` (which answers the body to send, if any). */
const asNewUser = (setup: (user: User, world: World, transaction: DreddTransaction) => unknown, needs: readonly Need[] = []): Step => ({
  needs,
  prepare: async (transaction, world) => {
    const user = await world.signUp();
    setToken(transaction, user.token);
    const body = await setup(user, world, transaction);
    if (body !== undefined) setJson(transaction, body);
  },
});

/** A phone change waiting for its code on `user`: the new number and (with a code source) the code. */
async function pendingPhone(user: User, world: World, readCode = true): Promise<{ phone: string; code?: string }> {
  const phone = world.freshPhone();
  await world.pocketm8('/profile/phone', { method: 'PUT', token: user.token, json: { phone } });
  const sent = { channel: 'sms', to: phone, purpose: 'phone-change' } as const;
  if (!readCode) {
    world.codes.noteSend(sent);
    return { phone };
  }
  return { phone, code: await world.code(sent) };
}

export const PROFILE_PLAN: Plan = {
  'GET /profile': { 200: { prepare: () => undefined }, 401: withoutToken },
  'PATCH /profile': {
    200: asNewUser(() => undefined),
    400: { prepare: (t) => setJson(t, { email: 'someone@example.com' }) },
    401: withoutToken,
    413: oversized,
    415: wrongMediaType,
  },
  'PUT /profile/email': {
    200: asNewUser((_, world) => ({ email: world.freshEmail() })),
    400: { prepare: (t) => setJson(t, { email: 'not-an-email' }) },
    401: withoutToken,
    409: asNewUser(async (_, world) => ({ email: (await world.emailUser()).email }), ['code']),
    413: oversized,
    415: wrongMediaType,
    429: asNewUser(async (user, world) => {
      const email = world.freshEmail();
      await world.pocketm8('/profile/email', { method: 'PUT', token: user.token, json: { email } });
      return { email };
    }),
    502: asNewUser((_, world) => ({ email: world.freshEmail().replace('@example.com', '@fail.example') }), ['control']),
  },
  'PUT /profile/phone': {
    200: asNewUser((_, world) => ({ phone: world.freshPhone() })),
    400: { prepare: (t) => setJson(t, { phone: '0791234567' }) },
    401: withoutToken,
    409: asNewUser(async (_, world) => ({ phone: (await world.otherUser()).phone })),
    413: oversized,
    415: wrongMediaType,
    429: asNewUser(async (user, world) => ({ phone: (await pendingPhone(user, world, false)).phone })),
    502: asNewUser((_, world) => ({ phone: `${world.freshPhone().slice(0, -4)}0000` }), ['control']),
  },
  'POST /profile/resend-code': {
    200: asNewUser(
      async (user, world) => {
        await pendingPhone(user, world, false);
        await world.advanceClock('61s');
        return { type: 'phone' };
      },
      ['clock'],
    ),
    400: { prepare: (t) => setJson(t, { type: 'fax' }) },
    401: withoutToken,
    404: asNewUser(() => ({ type: 'phone' })),
    413: oversized,
    415: wrongMediaType,
    429: asNewUser(async (user, world) => {
      await pendingPhone(user, world, false);
      return { type: 'phone' };
    }),
    502: skip('a resend needs a pending change, and a change to a failing destination fails at its first send, so none is ever pending'),
  },
  'POST /profile/avatar': {
    200: asNewUser(async (user, world) => ({ avatarId: await world.uploadAvatar(user.token) })),
    400: { prepare: (t) => setJson(t, { avatarId: BAD_ID }) },
    401: withoutToken,
    404: { prepare: (t) => setJson(t, { avatarId: UNKNOWN_ID }) },
    413: oversized,
    415: wrongMediaType,
  },
  'POST /profile/verify-code': {
    200: asNewUser(async (user, world) => ({ type: 'phone', code: (await pendingPhone(user, world)).code }), ['code']),
    400: { prepare: (t) => setJson(t, { type: 'fax', code: '123456' }) },
    401: withoutToken,
    404: asNewUser(() => ({ type: 'phone', code: '123456' })),
    409: asNewUser(
      async (user, world) => {
        const { phone, code } = await pendingPhone(user, world);
        await world.signUp(phone); // another account takes the number while the code waits
        return { type: 'phone', code };
      },
      ['code'],
    ),
    410: asNewUser(
      async (user, world) => {
        await pendingPhone(user, world, false);
        await world.advanceClock('11m');
        return { type: 'phone', code: '123456' };
      },
      ['clock'],
    ),
    413: oversized,
    415: wrongMediaType,
    422: asNewUser(async (user, world) => ({ type: 'phone', code: wrongCode((await pendingPhone(user, world)).code) }), ['code']),
    429: asNewUser(
      async (user, world) => {
        const { code } = await pendingPhone(user, world);
        for (let i = 0; i < 5; i += 1) {
          await world.pocketm8('/profile/verify-code', {
            token: user.token,
            json: { type: 'phone', code: wrongCode(code) },
            expect: [422],
          });
        }
        return { type: 'phone', code: '123456' };
      },
      ['code'],
    ),
  },
};
