import type { DomainDeps } from './deps.ts';
import { ApiError } from '../lib/api-error.ts';
import type { PacePendingRecord, UserRecord } from '../store/data.ts';
import { changed } from '../store/marks.ts';
import { toIso } from './clock.ts';
import { cancelPacePending, livePacePending, settlePacePending } from './pace-pending.ts';
import { CODE_LIFETIME_MS, PACE_CONFIRM_LIFETIME_MS, type SendResult } from './verification.ts';

/** What CheckUserPhone answers about the number in force. */
export type PacePhoneStatus = 'verified' | 'unverified' | 'none';

/** What opening a confirmation link did. */
export type PaceConfirmOutcome =
  | { kind: 'confirmed'; phone: string }
  /** Unknown, used, or replaced by a newer request. */
  | { kind: 'unknown' }
  /** Older than 24 hours: the change is cancelled. */
  | { kind: 'expired' }
  /** The SMS could not go out (failing number, or a send limit); the link stays valid. */
  | { kind: 'undelivered'; phone: string; retryAfter: number | null };

/** A phone ending in 9999 is always taken (verification.md, failure simulations). */
const MAGIC_TAKEN_PHONE = /9999$/;
const PHONE_POINTER = '/data/attributes/phoneNumber';
const NOTHING_PENDING = 'There is no phone change waiting for a code. Request one with PUT /user/phone.';

/** `+49 170 888 999 000` -> `+49170888999000`. */
export function normalisePacePhone(phoneNumber: string): string {
  return phoneNumber.replace(/ /g, '');
}

/** The link the confirmation email carries: a mock route that stands for PACE's own page. */
export function paceConfirmUrl(origin: string, token: string): string {
  return `${origin}/__mock/pace/confirm/${token}`;
}

/**
 * The PACE User API phone change (pace-user-phone.md), on the shared verification engine.
 * The user record only ever holds the number in force: a requested number lives in the pending
 * change (`data.pacePending`) until its code is verified, so a cancelled change leaves nothing
 * behind and Pocketm8's profile shows only verified PACE numbers.
 */
export class PacePhone {
  constructor(private readonly context: Pick<DomainDeps, 'data' | 'clock' | 'verification'>) {}

  /** The user's pending change within its 24 hours (reads only). */
  pendingOf(userId: string): PacePendingRecord | undefined {
    return livePacePending(this.context.data(), this.context.clock.now(), userId);
  }

  /** The same before a write: one older than 24 hours is cancelled on the way (then the write commits it). */
  settledPendingOf(userId: string): PacePendingRecord | undefined {
    return settlePacePending(this.context.data(), this.context.clock.now(), userId);
  }

  /** A first number still waiting for its code counts as set but not verified. */
  status(user: UserRecord): PacePhoneStatus {
    if (user.phone) return user.phoneVerified ? 'verified' : 'unverified';
    return this.pendingOf(user.id) ? 'unverified' : 'none';
  }

  /**
   * UpdateUserPhone. `unchanged`: the number is already the user's verified number, nothing
   * happens. `pending`: the SMS code (first number) or the confirmation email (change) was sent,
   * and this request replaced any earlier pending change.
   */
  request(user: UserRecord, phoneNumber: string, origin: string): 'unchanged' | 'pending' {
    const phone = normalisePacePhone(phoneNumber);
    if (user.phone === phone && user.phoneVerified) return 'unchanged';
    if (this.#isTaken(phone, user)) {
      throw new ApiError('PHONE_TAKEN', {
        detail: 'This phone number belongs to another user.',
        errors: [{ field: 'phoneNumber', message: 'belongs to another user', pointer: PHONE_POINTER }],
      });
    }
    const previous = this.settledPendingOf(user.id);
    const stage = user.phone ? 'awaiting-confirmation' : 'awaiting-code';
    const sent = stage === 'awaiting-code' ? this.#sendCode(user.id, phone) : this.#sendConfirmation(user, phone, origin);
    const data = this.context.data();
    if (previous) cancelPacePending(data, previous);
    const createdAt = sent.verification.sentAt;
    changed(data, 'pacePending');
    data.pacePending.push({
      userId: user.id,
      phone,
      stage,
      confirmVerificationId: stage === 'awaiting-confirmation' ? sent.verification.id : null,
      codeVerificationId: stage === 'awaiting-code' ? sent.verification.id : null,
      createdAt,
      // The same instant the confirmation link expires.
      expiresAt: toIso(Date.parse(createdAt) + PACE_CONFIRM_LIFETIME_MS),
    });
    return 'pending';
  }

  /** Opening the link from the confirmation email: only now does the SMS code go out. */
  confirm(token: string): PaceConfirmOutcome {
    const link = this.context.verification.findToken('pace-phone-confirm', token);
    if (!link || link.state === 'used') return { kind: 'unknown' };
    if (this.context.clock.now() >= Date.parse(link.expiresAt)) {
      // The 24 hours are over: the change is cancelled.
      if (link.userId) this.settledPendingOf(link.userId);
      return { kind: 'expired' };
    }
    const pending = link.userId && link.state === 'pending' ? this.settledPendingOf(link.userId) : undefined;
    if (!pending || pending.confirmVerificationId !== link.id) return { kind: 'unknown' };
    let sent: SendResult;
    try {
      sent = this.#sendCode(pending.userId, pending.phone);
    } catch (error) {
      if (!(error instanceof ApiError) || (error.code !== 'DELIVERY_FAILED' && error.status !== 429)) throw error;
      return { kind: 'undelivered', phone: pending.phone, retryAfter: error.details.retryAfter ?? null };
    }
    link.state = 'used';
    pending.stage = 'awaiting-code';
    pending.codeVerificationId = sent.verification.id;
    const data = this.context.data();
    changed(data, 'verifications', link);
    changed(data, 'pacePending', pending);
    return { kind: 'confirmed', phone: pending.phone };
  }

  /** VerifyUserPhone: with the right code the pending number becomes the verified number in force. */
  verify(user: UserRecord, code: string): void {
    const data = this.context.data();
    const pending = this.settledPendingOf(user.id);
    if (!pending || pending.stage !== 'awaiting-code') throw new ApiError('NO_PENDING_VERIFICATION', { detail: NOTHING_PENDING });
    if (this.#isTaken(pending.phone, user)) {
      cancelPacePending(data, pending);
      throw new ApiError('PHONE_TAKEN', { detail: 'Another user verified this phone number in the meantime; the change was cancelled.' });
    }
    const record = data.verifications.find((candidate) => candidate.id === pending.codeVerificationId);
    try {
      this.context.verification.check(record, code);
    } catch (error) {
      throw error instanceof ApiError ? inPaceWords(error) : error;
    }
    user.phone = pending.phone;
    user.phoneVerified = true;
    user.updatedAt = toIso(this.context.clock.now());
    changed(data, 'users', user);
    if (user.pendingPhone === pending.phone) {
      // Pocketm8's own change to this number has nothing left to do.
      user.pendingPhone = null;
      const pocketm8Code = this.context.verification.pending('phone-change', pending.phone, user.id);
      if (pocketm8Code) {
        pocketm8Code.state = 'replaced';
        changed(data, 'verifications', pocketm8Code);
      }
    }
    data.pacePending = data.pacePending.filter((candidate) => candidate !== pending);
    changed(data, 'pacePending');
  }

  #isTaken(phone: string, self: UserRecord): boolean {
    if (MAGIC_TAKEN_PHONE.test(phone)) return true;
    return this.context.data().users.some((other) => other.id !== self.id && other.phone === phone && other.phoneVerified);
  }

  #sendCode(userId: string, phone: string): SendResult {
    return this.context.verification.send({
      purpose: 'pace-phone-change',
      channel: 'sms',
      destination: phone,
      userId,
      secret: 'code',
      lifetimeMs: CODE_LIFETIME_MS,
      message: (code) => ({ body: `Your PACE verification code is ${code}. It expires in 10 minutes.` }),
    });
  }

  #sendConfirmation(user: UserRecord, phone: string, origin: string): SendResult {
    if (!user.email) {
      throw new ApiError('EMAIL_REQUIRED', {
        detail: 'A change of an existing phone number is confirmed by email, but this user has no email address.',
      });
    }
    return this.context.verification.send({
      purpose: 'pace-phone-confirm',
      channel: 'email',
      destination: user.email.toLowerCase(),
      userId: user.id,
      secret: 'token',
      lifetimeMs: PACE_CONFIRM_LIFETIME_MS,
      message: (token) => {
        const confirmUrl = paceConfirmUrl(origin, token);
        return {
          subject: 'Confirm your new phone number',
          body: `Please confirm that ${phone} should become your phone number: ${confirmUrl} (valid for 24 hours).`,
          confirmUrl,
        };
      },
    });
  }
}

/** The engine's answers to a code check, as PACE words them (a wrong code is a 404 there). */
function inPaceWords(error: ApiError): ApiError {
  switch (error.code) {
    case 'INVALID_CODE': {
      const left = error.details.attemptsLeft ?? 0;
      return new ApiError('INVALID_CODE', {
        status: 404,
        attemptsLeft: left,
        detail: `The code is not correct. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`,
        errors: [{ field: 'code', message: 'is not correct', pointer: '/code' }],
      });
    }
    case 'TOO_MANY_ATTEMPTS':
      return new ApiError('TOO_MANY_ATTEMPTS', {
        detail: 'This code was tried too often and no longer works. Request a new one with PUT /user/phone.',
      });
    case 'CODE_EXPIRED':
      return new ApiError('CODE_EXPIRED', {
        detail: 'The code was sent more than 10 minutes ago. Request a new one with PUT /user/phone.',
      });
    case 'NO_PENDING_VERIFICATION':
      return new ApiError('NO_PENDING_VERIFICATION', { detail: NOTHING_PENDING });
    default:
      return error;
  }
}
