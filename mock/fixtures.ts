import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { hashPassword } from './domain/passwords.ts';
import { syncIdCounters } from './domain/ids.ts';
import type { BlobStore } from './store/blobs.ts';
import { emptyData, type Data, type UserRecord } from './store/data.ts';

/** A fixture user carries its password in clear (the README lists them) or a ready hash. */
type FixtureUser = Omit<UserRecord, 'passwordHash'> & { password?: string | null; passwordHash?: string | null };

export interface Fixtures {
  /** A fresh copy of the fixture state each call. */
  data(): Data;
  /** Uploaded bytes of the fixture files and avatars, by blob key. */
  blobs: ReadonlyMap<string, Buffer>;
  /** Clear passwords of the fixture users (for the banner). */
  passwords: ReadonlyMap<string, string>;
}

/**
 * Reads a fixtures folder: `db.json` (collections of the store; users with `password`) and
 * `media/` (the bytes of files and avatars, named by blob key). Passwords are hashed once here,
 * with a salt derived from the user id so that every load gives the same state.
 */
export async function loadFixtures(folder: string): Promise<Fixtures> {
  const raw = JSON.parse(await readFile(join(folder, 'db.json'), 'utf8')) as Partial<Omit<Data, 'users'>> & { users?: FixtureUser[] };
  const passwords = new Map<string, string>();
  const users = (raw.users ?? []).map(({ password, passwordHash, ...user }): UserRecord => {
    if (password) passwords.set(user.id, password);
    const salt = createHash('sha256').update(user.id).digest().subarray(0, 16);
    return { ...user, passwordHash: passwordHash ?? (password ? hashPassword(password, salt) : null) };
  });
  const base: Data = { ...emptyData(), ...raw, users };
  syncIdCounters(base);
  const frozen = JSON.stringify(base);
  const blobs = new Map<string, Buffer>();
  const mediaFolder = join(folder, 'media');
  const names = await readdir(mediaFolder).catch(() => [] as string[]);
  for (const name of names) blobs.set(name, await readFile(join(mediaFolder, name)));
  return { data: () => JSON.parse(frozen) as Data, blobs, passwords };
}

/** Writes the fixture bytes into a blob store. */
export async function seedBlobs(store: BlobStore, fixtures: Fixtures): Promise<void> {
  for (const [key, bytes] of fixtures.blobs) await store.put(key, Readable.from([bytes]), Number.MAX_SAFE_INTEGER);
}
