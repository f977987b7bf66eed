// Dredd plans for the PACE User API phone change (its own spec, base <server>/user/2021-2).
import { oversized, skip, withoutToken, wrongCode, wrongMediaType, type Plan, type Step } from '../lib/plan.ts';
import { setHeader, setJson, setToken } from '../lib/transaction.ts';
import type { EmailUser, Need, World } from '../lib/world.ts';

const JSON_API = 'application/vnd.api+json';
const NOT_501 =
  'PACE documents 501 for internal errors; the mock never answers it on its own (Prefer: code=501 would only check the example against itself)';

const phoneBody = (phoneNumber: string) => ({ data: { type: 'phone', attributes: { phoneNumber } } });

/**
 * A change of a user's number, confirmed by the link in the email, so the SMS code waits at the
 * new number: the user, the number and the code.
 */
async function confirmedChange(world: World): Promise<{ user: EmailUser; phone: string; code: string }> {
  const user = await world.emailUser();
  const phone = world.freshPhone();
  await world.pace('/user/phone', {
    method: 'PUT',
    token: user.token,
    json: phoneBody(phone),
    headers: { 'Content-Type': JSON_API },
    expect: [201],
  });
  const confirmUrl = await world.secretPart({ channel: 'email', to: user.email, purpose: 'pace-phone-confirm' }, 'confirmUrl');
  await fetch(confirmUrl).then((res) => {
    if (res.status !== 200) throw new Error(`opening the confirmation link answered ${res.status}`);
  });
  return { user, phone, code: await world.code({ channel: 'sms', to: phone, purpose: 'pace-phone-change' }) };
}

/** Verify on a confirmed change; `then` answers the body Dredd sends. */
const onChange = (
  then: (change: Awaited<ReturnType<typeof confirmedChange>>, world: World) => unknown,
  needs: readonly Need[] = [],
): Step => ({
  needs: ['code', 'confirmUrl', ...needs],
  prepare: async (transaction, world) => {
    const change = await confirmedChange(world);
    setToken(transaction, change.user.token);
    setJson(transaction, await then(change, world));
  },
});

/** What GET /user/phone answers the user now. */
async function phoneState(world: World, token: string): Promise<number> {
  return (await world.pace('/user/phone', { token, expect: [200, 201, 404] })).status;
}

/**
 * The phoneless user with no first number pending: one left by an earlier transaction (GET 201)
 * is cancelled by moving the clock past its 24 hours.
 */
async function phonelessNow(world: World): Promise<string> {
  const { token } = await world.phonelessUser();
  if ((await phoneState(world, token)) === 201 && !world.lacking(['clock'])) await world.advanceClock('1441m');
  const state = await phoneState(world, token);
  if (state !== 404) throw new Error(`the phoneless user is not phoneless (GET /user/phone answers ${state})`);
  return token;
}

export const PACE_PLAN: Plan = {
  'GET /user/phone': {
    200: { prepare: () => undefined },
    201: {
      needs: ['phonelessUser'],
      prepare: async (t, w) => {
        const token = await phonelessNow(w);
        const phone = w.freshPhone();
        await w.pace('/user/phone', { method: 'PUT', token, json: phoneBody(phone), headers: { 'Content-Type': JSON_API }, expect: [201] });
        w.codes.noteSend({ channel: 'sms', to: phone, purpose: 'pace-phone-change' });
        setToken(t, token);
      },
    },
    401: withoutToken,
    404: { needs: ['phonelessUser'], prepare: async (t, w) => setToken(t, await phonelessNow(w)) },
    501: skip(NOT_501),
  },
  'PUT /user/phone': {
    200: { prepare: async (t, w) => setJson(t, phoneBody((await w.plainUser()).phone)) },
    201: {
      needs: ['code'],
      prepare: async (t, w) => {
        setToken(t, (await w.emailUser()).token);
        setJson(t, phoneBody(w.freshPhone()));
      },
    },
    401: withoutToken,
    404: skip('answers only when the user behind a valid token no longer exists; no API call deletes a user'),
    406: {
      prepare: async (t, w) => {
        setHeader(t, 'Accept', 'text/html');
        setJson(t, phoneBody((await w.plainUser()).phone));
      },
    },
    409: { prepare: async (t, w) => setJson(t, phoneBody((await w.otherUser()).phone)) },
    413: oversized,
    415: wrongMediaType,
    422: { prepare: (t) => setJson(t, phoneBody('not a number')) },
    429: {
      needs: ['code'],
      prepare: async (t, w) => {
        const user = await w.emailUser();
        const body = phoneBody(w.freshPhone());
        await w.pace('/user/phone', { method: 'PUT', token: user.token, json: body, headers: { 'Content-Type': JSON_API }, expect: [201] });
        setToken(t, user.token);
        setJson(t, body);
      },
    },
    501: skip(NOT_501),
    502: {
      needs: ['phonelessUser', 'control'],
      prepare: async (t, w) => {
        setToken(t, await phonelessNow(w));
        setJson(t, phoneBody(`${w.freshPhone().slice(0, -4)}0000`));
      },
    },
  },
  'PUT /user/phone/verify': {
    200: onChange((change) => ({ code: change.code })),
    401: withoutToken,
    404: { prepare: (t) => setJson(t, { code: '123456' }) },
    409: onChange(async (change, world) => {
      await world.signUp(change.phone); // another account takes the number while the code waits
      return { code: change.code };
    }),
    410: onChange(
      async (change, world) => {
        await world.advanceClock('11m');
        return { code: change.code };
      },
      ['clock'],
    ),
    413: oversized,
    415: wrongMediaType,
    422: { prepare: (t) => setJson(t, { code: '12' }) },
    429: onChange(async (change, world) => {
      for (let i = 0; i < 5; i += 1) {
        await world.pace('/user/phone/verify', {
          method: 'PUT',
          token: change.user.token,
          json: { code: wrongCode(change.code) },
          expect: [404],
        });
      }
      return { code: change.code };
    }),
    501: skip(NOT_501),
  },
};
