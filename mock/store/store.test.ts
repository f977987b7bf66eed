import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyData } from './data.ts';
import { openFileStore } from './store.ts';

const folders: string[] = [];
afterEach(() => {
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});
function dbFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'pm8-store-'));
  folders.push(folder);
  return join(folder, 'db.json');
}
const initial = () => ({ ...emptyData(), idCounters: { tsk: 7 } });

describe('openFileStore', () => {
  it('starts a missing file from the initial state and writes nothing until the first change', async () => {
    const file = dbFile();
    const { store, fresh } = await openFileStore(file, initial);
    expect(fresh).toBe(true);
    expect(store.data.idCounters).toEqual({ tsk: 7 });
    expect(existsSync(file)).toBe(false);

    store.data.idCounters.tsk = 8;
    await store.commit();
    expect(JSON.parse(readFileSync(file, 'utf8')).idCounters).toEqual({ tsk: 8 });
  });

  it('reopens what it wrote, not the initial state', async () => {
    const file = dbFile();
    const first = await openFileStore(file, initial);
    first.store.data.sends.push({ purpose: 'phone-change', destination: '+41790000000', at: '2026-11-22T00:00:00.000Z' });
    await first.store.commit();
    const again = await openFileStore(file, initial);
    expect(again.fresh).toBe(false);
    expect(again.store.data.sends).toHaveLength(1);
  });

  it('groups the changes that arrive during a write into one next write, and answers each commit once written', async () => {
    const file = dbFile();
    const { store } = await openFileStore(file, initial);
    const commits = [];
    for (let n = 1; n <= 20; n += 1) {
      store.data.idCounters.tsk = n;
      commits.push(store.commit());
    }
    await Promise.all(commits);
    expect(JSON.parse(readFileSync(file, 'utf8')).idCounters.tsk).toBe(20);
  });
});
