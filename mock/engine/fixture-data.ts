import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { hashPassword } from '../domain/passwords.ts';
import { syncIdCounters } from '../domain/ids.ts';
import type { Fixtures } from '../apis/context.ts';
import { emptyData, type Data, type UserRecord } from '../store/data.ts';

/** A fixture user carries its password in clear (the README lists them) or a ready hash. */
type FixtureUser = Omit<UserRecord, 'passwordHash'> & { password?: string | null; passwordHash?: string | null };

/**
 * Fixtures from the text of a `db.json` (collections of the store; users with `password`), with
 * `media` naming where their bytes are. Passwords are hashed once here, with a salt derived from
 * the user id so that every load gives the same state. Only the text is kept: each `data()` parses
 * it again, and the first call hands out the state parsed here. No file system: the server reads
 * the text from disk (fixtures.ts), the MSW bundle carries it inside.
 */
export function fixturesFromText(text: string, media: string): Fixtures {
  const passwords = new Map<string, string>();
  const hashes = new Map<string, string>();
  const build = (): Data => {
    const raw = JSON.parse(text) as Partial<Omit<Data, 'users'>> & { users?: FixtureUser[] };
    const users = (raw.users ?? []).map(({ password, passwordHash, ...user }): UserRecord => {
      if (password) passwords.set(user.id, password);
      if (passwordHash || !password) return { ...user, passwordHash: passwordHash ?? null };
      let hash = hashes.get(user.id);
      if (hash === undefined) {
        hash = hashPassword(password, sha256(utf8ToBytes(user.id)).subarray(0, 16));
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
    media,
    passwords,
  };
}
