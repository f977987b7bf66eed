import { deriveCode, deriveToken, type Purpose } from './codes.ts';
import { HOUR, MINUTE } from '../lib/duration.ts';
import type { Logger } from '../lib/logger.ts';
import type { Data, OutboxEntry, VerificationRecord } from '../store/data.ts';
import { changed, changedKeys } from '../store/marks.ts';
import { retryAfterSeconds } from '../lib/duration.ts';
import { ApiError, type ErrorCode } from '../lib/api-error.ts';
import { toIso, type Clock } from './clock.ts';
import type { EventBus } from './events.ts';
import { nextId } from './ids.ts';

export const CODE_LIFETIME_MS = 10 * MINUTE;
export const RESET_TOKEN_LIFETIME_MS = HOUR;
export const PACE_CONFIRM_LIFETIME_MS = 24 * HOUR;
export const MAX_WRONG_TRIES = 5;
export const RESEND_COOLDOWN_MS = MINUTE;
export const SENDS_PER_HOUR = 5;

export type CodeMode = { kind: 'derived'; seed: string } | { kind: 'fixed'; code: string; seed: string };

export interface VerificationDeps {
  data: () => Data;
  clock: Clock;
  codes: CodeMode;
  bus: EventBus;
  log: Logger;
}

export interface SendRequest {
  purpose: Purpose;
  channel: 'sms' | 'email';
  /** E.164 phone or lower-cased email. */
  destination: string;
  userId: string | null;
  /** Tokens (reset, PACE confirmation) are 32 hex characters; everything else a 6-digit code. */
  secret: 'code' | 'token';
  lifetimeMs: number;
  /** Builds the message around the secret. */
  message(secret: string): { subject?: string; body: string; confirmUrl?: string };
}

export interface SendResult {
  verification: VerificationRecord;
  expiresAt: string;
}

/** The codes a failed check answers with, per flow (`CHALLENGE_EXPIRED` for a sign-in challenge...). */
export interface CheckWords {
  expired: ErrorCode;
}

/** Destinations that behave like a failing provider (verification.md, failure simulations). */
export function isFailingDestination(destination: string): boolean {
  return destination.startsWith('+') ? destination.endsWith('0000') : destination.endsWith('@fail.example');
}

/**
 * The one verification engine: every SMS and email secret of both APIs is sent and checked
 * here, with the limits of verification.md, and lands in the outbox.
 */
export class Verification {
  constructor(private readonly deps: VerificationDeps) {}

  /** How long (ms) a send to this destination for this purpose must still wait for the cooldown and for the hourly limit. */
  #waits(purpose: Purpose, destination: string, now: number): { cooldown: number; hourly: number } {
    const sends = this.deps.data().sends.filter((send) => send.destination === destination && now - Date.parse(send.at) < HOUR);
    const last = sends
      .filter((send) => send.purpose === purpose)
      .reduce((latest, send) => Math.max(latest, Date.parse(send.at)), -Infinity);
    const oldest = Math.min(...sends.map((send) => Date.parse(send.at)));
    return {
      cooldown: Math.max(0, last + RESEND_COOLDOWN_MS - now),
      hourly: sends.length >= SENDS_PER_HOUR ? oldest + HOUR - now : 0,
    };
  }

  /** Throws RESEND_TOO_SOON or TOO_MANY_REQUESTS when a send to this destination is not allowed now. */
  assertCanSend(purpose: Purpose, destination: string): void {
    const { cooldown, hourly } = this.#waits(purpose, destination, this.deps.clock.now());
    if (cooldown > 0) throw new ApiError('RESEND_TOO_SOON', { retryAfter: retryAfterSeconds(cooldown) });
    if (hourly > 0) throw new ApiError('TOO_MANY_REQUESTS', { retryAfter: retryAfterSeconds(hourly) });
  }

  send(request: SendRequest): SendResult {
    const { clock, codes, bus, log } = this.deps;
    const data = this.deps.data();
    this.assertCanSend(request.purpose, request.destination);
    if (isFailingDestination(request.destination)) throw new ApiError('DELIVERY_FAILED');
    const now = clock.now();
    const key = `${request.purpose}|${request.destination}`;
    const n = (data.sendCounts[key] ?? 0) + 1;
    data.sendCounts[key] = n;
    changedKeys(data, 'sendCounts', key);
    const secret =
      request.secret === 'token'
        ? deriveToken(codes.seed, request.purpose, request.destination, n)
        : codes.kind === 'fixed'
          ? codes.code
          : deriveCode(codes.seed, request.purpose, request.destination, n);
    // A resend replaces the caller's own pending secret; another user's pending change to the
    // same address keeps its code (whoever verifies first gets the address, the other a 409).
    for (const old of data.verifications) {
      if (
        old.state === 'pending' &&
        old.purpose === request.purpose &&
        old.destination === request.destination &&
        old.userId === request.userId
      ) {
        old.state = 'replaced';
        changed(data, 'verifications', old);
      }
    }
    const verification: VerificationRecord = {
      id: nextId(data, 'ver'),
      purpose: request.purpose,
      destination: request.destination,
      secret,
      userId: request.userId,
      sentAt: toIso(now),
      expiresAt: toIso(now + request.lifetimeMs),
      attempts: 0,
      state: 'pending',
    };
    data.verifications.push(verification);
    data.sends.push({ purpose: request.purpose, destination: request.destination, at: toIso(now) });
    // Sends are kept for the last hour (the hourly limit's window). They are in the order sent, so
    // the expired ones lead: counted from the front, without a date parsed per send kept.
    let expired = 0;
    while (expired < data.sends.length && now - Date.parse(data.sends[expired]!.at) >= HOUR) expired += 1;
    if (expired > 0) data.sends = data.sends.slice(expired);
    changed(data, 'verifications');
    changed(data, 'sends');
    // The API answers only VERIFICATION_CODE_SENT, as the real one: when the next send may go is shown here.
    const { cooldown, hourly } = this.#waits(request.purpose, request.destination, now);
    const resendAvailableAt = toIso(now + Math.max(cooldown, hourly));
    const message = request.message(secret);
    const entry: OutboxEntry = {
      id: nextId(data, 'msg'),
      channel: request.channel,
      to: request.destination,
      purpose: request.purpose,
      ...(request.secret === 'code' ? { code: secret } : { token: secret }),
      ...(message.confirmUrl ? { confirmUrl: message.confirmUrl } : {}),
      ...(message.subject ? { subject: message.subject } : {}),
      body: message.body,
      sentAt: verification.sentAt,
      expiresAt: verification.expiresAt,
      resendAvailableAt,
    };
    data.outbox.push(entry);
    changed(data, 'outbox');
    log.info(`${request.channel} to ${request.destination}: ${secret} (${request.purpose})`);
    bus.emit('outbox', entry);
    return { verification, expiresAt: verification.expiresAt };
  }

  /**
   * Counts a send that reaches nobody (a reset for an unknown email), so that limits answer the
   * same whether or not an account exists.
   */
  countSend(purpose: Purpose, destination: string): void {
    this.assertCanSend(purpose, destination);
    if (isFailingDestination(destination)) throw new ApiError('DELIVERY_FAILED');
    const data = this.deps.data();
    data.sends.push({ purpose, destination, at: toIso(this.deps.clock.now()) });
    changed(data, 'sends');
  }

  /** The secret waiting for this purpose and destination (and user, when given), the newest first. */
  pending(purpose: Purpose, destination: string, userId?: string | null): VerificationRecord | undefined {
    const records = this.deps.data().verifications;
    for (let index = records.length - 1; index >= 0; index -= 1) {
      const record = records[index]!;
      if (
        record.state === 'pending' &&
        record.purpose === purpose &&
        record.destination === destination &&
        (userId === undefined || record.userId === userId)
      ) {
        return record;
      }
    }
    return undefined;
  }

  /**
   * Checks a code against the pending secret and uses it up when right. Wrong tries count; the
   * sixth try, right or wrong, burns the code.
   */
  check(record: VerificationRecord | undefined, code: string, words: CheckWords = { expired: 'CODE_EXPIRED' }): VerificationRecord {
    const now = this.deps.clock.now();
    if (!record || record.state !== 'pending') throw new ApiError('NO_PENDING_VERIFICATION');
    if (now >= Date.parse(record.expiresAt)) throw new ApiError(words.expired);
    const data = this.deps.data();
    if (record.attempts >= MAX_WRONG_TRIES) {
      record.state = 'burnt';
      changed(data, 'verifications', record);
      throw new ApiError('TOO_MANY_ATTEMPTS', { retryAfter: this.#cooldownLeft(record, now) });
    }
    if (record.secret !== code) {
      record.attempts += 1;
      // A wrong try is a change like any other: it is on disk before the 422 is answered.
      changed(data, 'verifications', record);
      throw new ApiError('INVALID_CODE', { attemptsLeft: MAX_WRONG_TRIES - record.attempts });
    }
    record.state = 'used';
    changed(data, 'verifications', record);
    return record;
  }

  /** Finds a token (reset, PACE confirmation) by its value. */
  findToken(purpose: Purpose, token: string): VerificationRecord | undefined {
    return this.deps.data().verifications.find((record) => record.purpose === purpose && record.secret === token);
  }

  #cooldownLeft(record: VerificationRecord, now: number): number {
    return retryAfterSeconds(Date.parse(record.sentAt) + RESEND_COOLDOWN_MS - now);
  }
}
