// Group `write`: users found by the display name they set; the caller's contacts and the favorite
// filter (new users may have no contacts: then only the shape and the filters are checked).
import { beforeAll, describe, expect, it } from 'vitest';
import { pocketm8 } from '../lib/client.ts';
import { freshText, seededUser } from '../lib/accounts.ts';
import { clockStill } from '../lib/clock-lease.ts';
import { expectError } from '../lib/expectations.ts';
import { titled } from '../lib/flow-test.ts';
import { lacking, signUpBySms, testUser, type TestUser } from '../lib/world.ts';

// "Ordered by display name": checked on the names that start with a letter, case ignored (how
// punctuation and digits sort is the backend's collation).
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
function expectByName(names: string[]): void {
  const words = names.filter((name) => /^\p{L}/u.test(name));
  expect(words).toEqual([...words].sort(byName.compare));
}

interface Page<T> {
  data: T[];
  meta: { page: number; perPage: number; total: number; totalPages: number };
}
interface UserSummary {
  id: string;
  displayName: string;
  avatarUrl: string | null;
}
interface Contact {
  id: string;
  displayName: string;
  favorite: boolean;
}

let me: TestUser;
beforeAll(async () => {
  me = await clockStill(() => testUser());
});

const users = async (token: string, query: Record<string, string | number>) => {
  const res = await pocketm8('getUsers', { token, query });
  expect(res.status).toBe(200);
  return res.body as Page<UserSummary>;
};

describe('write: users', () => {
  const noCode = lacking('code');
  it.skipIf(noCode !== undefined)(
    titled('a display name set with PATCH /profile is found by others (any case, substring), never by its owner', noCode),
    async () => {
      const { token, userId } = await clockStill(() => signUpBySms());
      const name = freshText('Zora Searchable');
      expect((await pocketm8('updateProfile', { token, body: { displayName: name } })).status).toBe(200);

      const found = await users(me.token, { search: name.toLowerCase().slice(2) });
      expect(found.data).toEqual([{ id: userId, displayName: name, avatarUrl: null }]);
      expect(found.meta).toMatchObject({ total: 1, totalPages: 1 });
      expect((await users(token, { search: name })).meta.total, 'Get Users lists the other users').toBe(0);

      const renamed = freshText('Zora Renamed');
      expect((await pocketm8('updateProfile', { token, body: { displayName: renamed } })).status).toBe(200);
      expect((await users(me.token, { search: name })).meta.total).toBe(0);
      expect((await users(me.token, { search: renamed })).data.map((user) => user.id)).toEqual([userId]);
    },
  );

  it('users come as summaries ordered by display name, pages consistent', async () => {
    const first = await users(me.token, { perPage: 5 });
    expect(first.data.length).toBeLessThanOrEqual(5);
    expect(first.meta.totalPages).toBe(Math.ceil(first.meta.total / 5));
    expect(first.data.map((user) => user.id)).not.toContain(me.userId);
    expectByName(first.data.map((user) => user.displayName));
  });
});

describe('write: contacts', () => {
  // A user with contacts if the run has one (the configured user, the mock's fixture user), else ours.
  let token: string;
  beforeAll(async () => {
    const seeded = await seededUser();
    token = typeof seeded === 'string' ? me.token : seeded.token;
  });

  const contacts = async (query: Record<string, string | number | boolean>) => {
    const res = await pocketm8('getContacts', { token, query: { perPage: 100, ...query } });
    expect(res.status).toBe(200);
    return res.body as Page<Contact>;
  };

  it('the favorite filter splits the contacts: favorites and the others add up to all', async () => {
    const all = await contacts({});
    const favorites = await contacts({ favorite: true });
    const others = await contacts({ favorite: false });
    expect(favorites.data.every((contact) => contact.favorite)).toBe(true);
    expect(others.data.every((contact) => !contact.favorite)).toBe(true);
    expect(favorites.meta.total + others.meta.total).toBe(all.meta.total);
    expectByName(all.data.map((contact) => contact.displayName));
  });

  it('each listed contact reads back with Get Contact; an unknown one -> 404 NOT_FOUND', async () => {
    const all = await contacts({ perPage: 5 });
    for (const contact of all.data) {
      const res = await pocketm8('getContact', { token, params: { id: contact.id } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(contact);
    }
    expectError(await pocketm8('getContact', { token, params: { id: 'cnt_does_not_exist_0' } }), 404, 'NOT_FOUND');
  });

  it('search narrows to contacts whose name matches', async () => {
    const first = (await contacts({ perPage: 1 })).data[0];
    const found = await contacts({ search: first ? first.displayName.slice(0, 3).toUpperCase() : freshText('nobody') });
    if (first) expect(found.data.map((contact) => contact.id)).toContain(first.id);
    else expect(found.meta.total).toBe(0);
  });
});
