import { expect } from 'vitest';
import type { components } from '../../spec/generated/pocketm8.ts';
import { contractSettings, pocketm8, type ContractResponse } from './client.ts';
import { clockStill } from './clock-lease.ts';
import { lacking, secretOf, signUpBySms, type TestUser } from './world.ts';

export type Profile = components['schemas']['Profile'];
export type Task = components['schemas']['Task'];
export type ApiFile = components['schemas']['File'];
export type Avatar = components['schemas']['Avatar'];

let counter = 0;
const unique = () => `${Date.now().toString(36)}${process.pid.toString(36)}${(counter += 1).toString(36)}`;

/** A lower-case email no other test or earlier run uses (at example.com, which reaches nobody). */
export function freshEmail(tag = 'user'): string {
  return `contract-${tag}-${unique()}@example.com`;
}

/** A text no other test uses, for titles and names that a search must find. */
export const freshText = (tag: string) => `${tag} ${unique()}`;

/** A password the rules accept (8+ characters, a letter and a digit). */
export const freshPassword = () => `pw-${unique()}-42`;

export async function profileOf(token: string): Promise<Profile> {
  const res = await pocketm8('getProfile', { token });
  expect(res.status, 'GET /profile').toBe(200);
  return res.body as Profile;
}

/** Gives a user a verified email through the email change flow (PUT /profile/email, verify). */
export async function giveEmail(user: TestUser, email = freshEmail()): Promise<string> {
  return clockStill(async () => {
    const sent = await pocketm8('updateEmail', { token: user.token, body: { email } });
    expect(sent.status, 'PUT /profile/email').toBe(200);
    const { code } = await secretOf({ channel: 'email', to: email, purpose: 'email-change' });
    const verified = await pocketm8('verifyProfileCode', { token: user.token, body: { type: 'email', code } });
    expect(verified.status, 'POST /profile/verify-code (email)').toBe(200);
    return email;
  });
}

/** Asks for a reset token for this email and reads it from the run's code source. */
export async function requestResetToken(email: string): Promise<string> {
  const res = await pocketm8('resetPassword', { body: { email } });
  expect(res.status, 'POST /auth/user/reset-password').toBe(200);
  const { token } = await secretOf({ channel: 'email', to: email, purpose: 'password-reset' });
  if (!token) throw new Error(`the code source gave no reset token for ${email}`);
  return token;
}

export const signIn = (login: string, password: string): Promise<ContractResponse> => pocketm8('signIn', { body: { login, password } });

/** A user with an email and a password, signed in (2FA off). */
export interface PasswordUser extends TestUser {
  email: string;
  password: string;
}

/**
 * A brand-new user with a password: signed up by SMS, given an email, and a password set with a
 * reset token (which ends the SMS session, so the user signs in again with the password). Needs
 * a code source that gives codes and tokens: check `lacking('code', 'token')` first.
 */
export async function newPasswordUser(): Promise<PasswordUser> {
  const user = await clockStill(() => signUpBySms());
  const email = await giveEmail(user);
  const password = freshPassword();
  await clockStill(async () => {
    const token = await requestResetToken(email);
    const reset = await pocketm8('verifyToken', { body: { token, password } });
    expect(reset.status, 'POST /auth/user/verify-token with a password').toBe(200);
  });
  const res = await signIn(email, password);
  expect(res.status, 'sign-in with the new password').toBe(200);
  const body = res.body as { token?: string };
  if (!body.token) throw new Error('a new user asked for a challenge: 2FA should be off');
  return { ...user, token: body.token, email, password };
}

/** A login and password to sign in with: a new user of our own when possible, else the configured one. */
export interface PasswordLogin {
  login: string;
  password: string;
  /** Ours: the suite may turn 2FA on and lock it. */
  own: boolean;
  user?: PasswordUser;
}

/** Why password sign-in cannot be tested in this run; undefined when it can. */
export function lackingPasswordLogin(): string | undefined {
  if (!lacking('code', 'token')) return undefined;
  return contractSettings().user ? undefined : `${lacking('code', 'token')} and no test user is configured (--login/--password)`;
}

export async function passwordLogin(): Promise<PasswordLogin> {
  if (!lacking('code', 'token')) {
    const user = await newPasswordUser();
    return { login: user.email, password: user.password, own: true, user };
  }
  const configured = contractSettings().user;
  if (!configured) throw new Error(lackingPasswordLogin());
  return { ...configured, own: false };
}

/** The mock's fixture user with contacts and Matrix rooms (README), used against the mock only. */
const MOCK_SEEDED_USER = { login: 'alice@example.com', password: 'alice-pass-1' };

/**
 * A session of a user who has data a new user lacks (contacts, Matrix rooms): the configured
 * test user, else, against the mock (a control API is there), its fixture user Alice signed in by
 * password. Answers the reason when there is none.
 */
export async function seededUser(): Promise<{ token: string } | string> {
  const configured = contractSettings().user;
  const login = configured ?? (lacking('control') ? undefined : MOCK_SEEDED_USER);
  if (!login) return 'new users have none and no test user is configured (--login/--password)';
  const res = await signIn(login.login, login.password);
  const token = (res.body as { token?: string }).token;
  if (res.status !== 200 || !token) return `sign-in of ${login.login} answered ${res.status} without a token`;
  return { token };
}
