import { ApiError } from '../lib/api-error.ts';
import type { DomainDeps } from './deps.ts';
import type { UserRecord } from '../store/data.ts';
import { changed } from '../store/marks.ts';
import { toIso } from './clock.ts';
import { CODE_LIFETIME_MS, type SendResult } from './verification.ts';

export type ChangeType = 'email' | 'phone';

export interface ProfileChanges {
  firstName?: string;
  lastName?: string;
  displayName?: string;
  locale?: string;
  twoFactorEnabled?: boolean;
}

const PURPOSE = { email: 'email-change', phone: 'phone-change' } as const;

/** A phone ending in 9999 is always taken (verification.md, failure simulations). */
const MAGIC_TAKEN_PHONE = /9999$/;

/** The signed-in user's own data, and email and phone changes that wait for their code. */
export class Profiles {
  constructor(private readonly context: Pick<DomainDeps, 'data' | 'clock' | 'verification'>) {}

  update(user: UserRecord, changes: ProfileChanges): UserRecord {
    if (changes.twoFactorEnabled === true && !(user.phone && user.phoneVerified)) {
      throw new ApiError('VALIDATION_ERROR', { errors: [{ field: 'twoFactorEnabled', message: 'needs a verified phone' }] });
    }
    Object.assign(user, changes, { updatedAt: toIso(this.context.clock.now()) });
    changed(this.context.data(), 'users', user);
    return user;
  }

  /** Another account already holds this address (as its verified value). */
  isTaken(type: ChangeType, value: string, self: UserRecord): boolean {
    if (type === 'phone' && MAGIC_TAKEN_PHONE.test(value)) return true;
    return this.context.data().users.some((other) => other.id !== self.id && other[type] === value);
  }

  /** Starts a change: the code goes to the new address; the current value stays until verified. */
  requestChange(user: UserRecord, type: ChangeType, raw: string): SendResult {
    const value = type === 'email' ? raw.toLowerCase() : raw;
    if (user[type] === value) {
      throw new ApiError('VALIDATION_ERROR', { errors: [{ field: type, message: `is already your ${type}` }] });
    }
    if (this.isTaken(type, value, user)) throw new ApiError(type === 'email' ? 'EMAIL_TAKEN' : 'PHONE_TAKEN');
    const sent = this.#send(user, type, value);
    if (type === 'email') user.pendingEmail = value;
    else user.pendingPhone = value;
    user.updatedAt = toIso(this.context.clock.now());
    changed(this.context.data(), 'users', user);
    return sent;
  }

  resend(user: UserRecord, type: ChangeType): SendResult {
    const pending = type === 'email' ? user.pendingEmail : user.pendingPhone;
    if (!pending) throw new ApiError('NO_PENDING_VERIFICATION');
    return this.#send(user, type, pending);
  }

  /** Confirms a pending change with its code; the pending value becomes the verified value. */
  verify(user: UserRecord, type: ChangeType, code: string): UserRecord {
    const pending = type === 'email' ? user.pendingEmail : user.pendingPhone;
    const record = pending ? this.context.verification.pending(PURPOSE[type], pending, user.id) : undefined;
    this.context.verification.check(record, code);
    const now = toIso(this.context.clock.now());
    if (type === 'email') user.pendingEmail = null;
    else user.pendingPhone = null;
    user.updatedAt = now;
    changed(this.context.data(), 'users', user);
    if (this.isTaken(type, pending!, user)) throw new ApiError(type === 'email' ? 'EMAIL_TAKEN' : 'PHONE_TAKEN');
    if (type === 'email') {
      user.email = pending;
      user.emailVerified = true;
    } else {
      user.phone = pending;
      user.phoneVerified = true;
    }
    return user;
  }

  setAvatar(user: UserRecord, avatarId: string): UserRecord {
    const avatar = this.context.data().avatars.find((candidate) => candidate.id === avatarId && candidate.ownerId === user.id);
    if (!avatar) throw new ApiError('NOT_FOUND');
    // The replaced avatar is gone (its media URL answers 404); its bytes stay for snapshots.
    const data = this.context.data();
    if (user.avatarId && user.avatarId !== avatar.id) {
      data.avatars = data.avatars.filter((candidate) => candidate.id !== user.avatarId);
      changed(data, 'avatars');
    }
    user.avatarId = avatar.id;
    user.updatedAt = toIso(this.context.clock.now());
    changed(data, 'users', user);
    return user;
  }

  #send(user: UserRecord, type: ChangeType, destination: string): SendResult {
    return this.context.verification.send({
      purpose: PURPOSE[type],
      channel: type === 'email' ? 'email' : 'sms',
      destination,
      userId: user.id,
      secret: 'code',
      lifetimeMs: CODE_LIFETIME_MS,
      message: (code) =>
        type === 'email'
          ? { subject: 'Confirm your new Pocketm8 email', body: `Your Pocketm8 confirmation code is ${code}. It expires in 10 minutes.` }
          : { body: `Your Pocketm8 phone confirmation code is ${code}. It expires in 10 minutes.` },
    });
  }
}
