import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Fixtures } from '../apis/context.ts';
import { fixturesFromText } from './fixture-data.ts';

export type { Fixtures };

/** Reads a fixtures folder: `db.json` (see fixturesFromText) and `media/`, the bytes of its files. */
export async function loadFixtures(folder: string): Promise<Fixtures> {
  return fixturesFromText(await readFile(join(folder, 'db.json'), 'utf8'), join(folder, 'media'));
}
