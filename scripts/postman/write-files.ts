import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COLLECTION_FILE, ENVIRONMENT_FILE, buildPostman, requestsOf } from './build-collection.ts';

/** Writes the collection and the environment into `dir` (created when missing). */
export async function writePostmanFiles(dir: string): Promise<{ collectionPath: string; environmentPath: string; requests: number }> {
  const { collection, environment } = await buildPostman();
  await mkdir(dir, { recursive: true });
  const collectionPath = join(dir, COLLECTION_FILE);
  const environmentPath = join(dir, ENVIRONMENT_FILE);
  await writeFile(collectionPath, `${JSON.stringify(collection, null, 2)}\n`);
  await writeFile(environmentPath, `${JSON.stringify(environment, null, 2)}\n`);
  return { collectionPath, environmentPath, requests: requestsOf(collection.item).length };
}
