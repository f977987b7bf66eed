import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashPassword } from '../domain/passwords.ts';
import { syncIdCounters } from '../domain/ids.ts';
import type { Fixtures } from '../apis/context.ts';
import { emptyData, type Data, type UserRecord } from '../store/data.ts';

export type { Fixtures };

/** A fixture user carries its password in clear (the README lists them) or a ready hash. */
type FixtureUser = Omit<UserRecord, 'passwordHash'> & { password?: string | null; passwordHash?: string | null };

/**
 * Reads a fixtures folder: `db.json` (collections of the store; users with `password`) and
 * `media/`. Passwords are hashed once here, with a salt derived from the user id so that every
 * load gives the same state. Only the file's text is kept: each `data()` parses it again, and the
 * first call hands out the state parsed here.
 */
export async function loadFixtures(folder: string): Promise<Fixtures> {
  const text = await readFile(join(folder, 'db.json'), 'utf8');
  const passwords = new Map<string, string>();
  const hashes = new Map<string, string>();
  const build = (): Data => {
    const raw = JSON.parse(text) as Partial<Omit<Data, 'users'>> & { users?: FixtureUser[] };
    const users = (raw.users ?? []).map(({ password, passwordHash, ...user }): UserRecord => {
      if (password) passwords.set(user.id, password);
      if (passwordHash || !password) return { ...user, passwordHash: passwordHash ?? null };
      let hash = hashes.get(user.id);
      if (hash === undefined) {
        hash = hashPassword(password, createHash('sha256').update(user.id).digest().subarray(0, 16));
        hashes.set(user.id, hash);
      }
      return { ...user, passwordHash: hash };
    });
    const data: Data = { ...emptyData(), ...raw, users };
    syncIdCounters(data);
    return data;
  };
  let first: Data | undefined = build();
  return {
    data: () => {
      const data = first ?? build();
      first = undefined;
      return data;
    },
    media: join(folder, 'media'),
    passwords,
  };
}
