import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { findBy } from '../lib/by-id.ts';
import { DAY } from '../lib/duration.ts';
import type { Data, SessionRecord, UserRecord } from '../store/data.ts';
import { changed } from '../store/marks.ts';
import { toIso, type Clock } from './clock.ts';

export const SESSION_LIFETIME_MS = 30 * DAY;

/** Bearer sessions, kept in the store so that a restarted mock keeps them. */
export class Sessions {
  constructor(
    private readonly data: () => Data,
    private readonly clock: Clock,
  ) {}

  create(userId: string): SessionRecord {
    const now = this.clock.now();
    const session = {
      token: `pm8_${bytesToHex(randomBytes(16))}`,
      userId,
      createdAt: toIso(now),
      expiresAt: toIso(now + SESSION_LIFETIME_MS),
    };
    const data = this.data();
    data.sessions.push(session);
    changed(data, 'sessions');
    return session;
  }

  /** The user behind a token, if the token exists and has not expired. */
  authenticate(token: string): { user: UserRecord; token: string } | undefined {
    const data = this.data();
    const session = findBy(data.sessions, 'token', token);
    if (!session || Date.parse(session.expiresAt) <= this.clock.now()) return undefined;
    const user = findBy(data.users, 'id', session.userId);
    return user && { user, token };
  }

  endAll(userId: string): void {
    const data = this.data();
    data.sessions = data.sessions.filter((session) => session.userId !== userId);
    changed(data, 'sessions');
  }
}
