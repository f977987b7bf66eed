import { MINUTE } from '../lib/duration.ts';
import { retryAfterSeconds } from '../lib/duration.ts';
import { ApiError } from '../lib/api-error.ts';
import type { DomainDeps } from './deps.ts';
import type { SessionRecord, UserRecord } from '../store/data.ts';
import { changed } from '../store/marks.ts';
import { toIso } from './clock.ts';
import { nextId } from './ids.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { CODE_LIFETIME_MS, RESET_TOKEN_LIFETIME_MS } from './verification.ts';

export const SIGN_IN_WINDOW_MS = 15 * MINUTE;
export const SIGN_IN_FAILURES = 5;

export type SignInResult =
  { kind: 'session'; session: SessionRecord; user: UserRecord } | { kind: 'challenge'; id: string; destination: string; expiresAt: string };

/** `+41791234567` -> `+41******567`: enough to recognise, not enough to reuse. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}${'*'.repeat(Math.max(0, phone.length - 6))}${phone.slice(-3)}`;
}

const smsText = (what: string) => (code: string) => ({ body: `Your Pocketm8 ${what} code is ${code}. It expires in 10 minutes.` });

/** Sign-in by password (with the 2FA challenge), by SMS code (with sign-up), and password reset. */
export class Accounts {
  constructor(private readonly context: Pick<DomainDeps, 'data' | 'clock' | 'verification' | 'sessions'>) {}

  findByLogin(login: string): UserRecord | undefined {
    const users = this.context.data().users;
    if (login.includes('@')) {
      const email = login.toLowerCase();
      return users.find((user) => user.email === email);
    }
    return users.find((user) => user.phone === login);
  }

  signIn(login: string, password: string): SignInResult {
    const { clock, sessions, verification } = this.context;
    const data = this.context.data();
    const key = login.toLowerCase();
    const now = clock.now();
    data.signInFailures = data.signInFailures.filter((failure) => now - Date.parse(failure.at) < SIGN_IN_WINDOW_MS);
    changed(data, 'signInFailures');
    const failures = data.signInFailures.filter((failure) => failure.login === key);
    if (failures.length >= SIGN_IN_FAILURES) {
      const oldest = Math.min(...failures.map((failure) => Date.parse(failure.at)));
      throw new ApiError('TOO_MANY_ATTEMPTS', { retryAfter: retryAfterSeconds(oldest + SIGN_IN_WINDOW_MS - now) });
    }
    const user = this.findByLogin(login);
    if (!user || !verifyPassword(password, user.passwordHash)) {
      data.signInFailures.push({ login: key, at: toIso(now) });
      throw new ApiError('INVALID_CREDENTIALS');
    }
    data.signInFailures = data.signInFailures.filter((failure) => failure.login !== key);
    if (user.twoFactorEnabled && user.phone) {
      const sent = verification.send({
        purpose: 'challenge',
        channel: 'sms',
        destination: user.phone,
        userId: user.id,
        secret: 'code',
        lifetimeMs: CODE_LIFETIME_MS,
        message: smsText('sign-in confirmation'),
      });
      const challenge = { id: nextId(data, 'chl'), userId: user.id, verificationId: sent.verification.id, expiresAt: sent.expiresAt };
      data.challenges.push(challenge);
      changed(data, 'challenges');
      return { kind: 'challenge', id: challenge.id, destination: maskPhone(user.phone), expiresAt: challenge.expiresAt };
    }
    return { kind: 'session', session: sessions.create(user.id), user };
  }

  verifyChallenge(challengeId: string, code: string): { session: SessionRecord; user: UserRecord } {
    const data = this.context.data();
    const challenge = data.challenges.find((candidate) => candidate.id === challengeId);
    const record = challenge && data.verifications.find((candidate) => candidate.id === challenge.verificationId);
    const user = challenge && data.users.find((candidate) => candidate.id === challenge.userId);
    if (!challenge || !user) throw new ApiError('NO_PENDING_VERIFICATION');
    this.context.verification.check(record, code, { expired: 'CHALLENGE_EXPIRED' });
    data.challenges = data.challenges.filter((candidate) => candidate.id !== challengeId);
    changed(data, 'challenges');
    return { session: this.context.sessions.create(user.id), user };
  }

  sendSignInCode(phone: string) {
    const user = this.context.data().users.find((candidate) => candidate.phone === phone);
    return this.context.verification.send({
      purpose: 'sign-in',
      channel: 'sms',
      destination: phone,
      userId: user?.id ?? null,
      secret: 'code',
      lifetimeMs: CODE_LIFETIME_MS,
      message: smsText('sign-in'),
    });
  }

  /** Checks an SMS sign-in code; an unknown phone becomes a new account. */
  verifySignInCode(phone: string, code: string): { session: SessionRecord; user: UserRecord; isNewUser: boolean } {
    const { verification, sessions, clock } = this.context;
    const data = this.context.data();
    verification.check(verification.pending('sign-in', phone), code);
    let user = data.users.find((candidate) => candidate.phone === phone);
    const isNewUser = !user;
    const now = toIso(clock.now());
    if (!user) {
      user = {
        id: nextId(data, 'usr'),
        firstName: null,
        lastName: null,
        displayName: maskPhone(phone),
        email: null,
        emailVerified: false,
        phone,
        phoneVerified: true,
        avatarId: null,
        locale: 'de-CH',
        twoFactorEnabled: false,
        pendingEmail: null,
        pendingPhone: null,
        passwordHash: null,
        hasLinkedIdentity: true,
        createdAt: now,
        updatedAt: now,
      };
      data.users.push(user);
      changed(data, 'users');
    } else if (!user.phoneVerified) {
      user.phoneVerified = true;
      user.updatedAt = now;
      changed(data, 'users', user);
    }
    return { session: sessions.create(user.id), user, isNewUser };
  }

  /** Emails a reset token when the account exists; answers the same either way. */
  requestPasswordReset(email: string): void {
    const { verification } = this.context;
    const address = email.toLowerCase();
    const user = this.context.data().users.find((candidate) => candidate.email === address);
    if (!user) return verification.countSend('password-reset', address);
    verification.send({
      purpose: 'password-reset',
      channel: 'email',
      destination: address,
      userId: user.id,
      secret: 'token',
      lifetimeMs: RESET_TOKEN_LIFETIME_MS,
      message: (token) => ({
        subject: 'Reset your Pocketm8 password',
        body: `Use this token to set a new password within one hour: ${token}`,
      }),
    });
  }

  /** Checks a reset token; with a password, sets it, uses the token up and ends every session. */
  useResetToken(token: string, password: string | undefined): 'TOKEN_VALID' | 'PASSWORD_RESET' {
    const { verification, sessions, clock } = this.context;
    const record = verification.findToken('password-reset', token);
    if (!record || record.state !== 'pending') throw new ApiError('INVALID_TOKEN');
    if (clock.now() >= Date.parse(record.expiresAt)) throw new ApiError('TOKEN_EXPIRED');
    if (password === undefined) return 'TOKEN_VALID';
    const data = this.context.data();
    const user = data.users.find((candidate) => candidate.id === record.userId);
    if (!user) throw new ApiError('INVALID_TOKEN');
    user.passwordHash = hashPassword(password);
    user.updatedAt = toIso(clock.now());
    record.state = 'used';
    changed(data, 'users', user);
    changed(data, 'verifications', record);
    sessions.endAll(user.id);
    return 'PASSWORD_RESET';
  }
}
