/**
 * npm run postman [-- --out <dir>]: writes the Postman collection of the three specs and an
 * environment for the local mock (default folder: postman/), and says how to run it.
 */
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writePostmanFiles } from './postman/write-files.ts';

let out: string;
try {
  out = parseArgs({ options: { out: { type: 'string', default: 'postman' } }, strict: true, allowPositionals: false }).values.out!;
} catch (error) {
  console.error(`${(error as Error).message}\nusage: npm run postman [-- --out <dir>]`);
  process.exit(2);
}
const { collectionPath, environmentPath, requests } = await writePostmanFiles(resolve(out));
const show = (path: string) => relative(process.cwd(), path) || '.';
const project = fileURLToPath(new URL('..', import.meta.url));
console.log(`wrote ${show(collectionPath)} (${requests} requests) and ${show(environmentPath)}`);
console.log(
  [
    '',
    'In Postman: Import, drop both files, pick the environment "Pocketm8 mock (local)", start the mock (npm start) and send.',
    'To run the whole collection top to bottom (it ends with a reset, so it can run again), against a fresh mock:',
    `  npx newman run ${show(collectionPath)} -e ${show(environmentPath)} --working-dir ${show(project)} --timeout-request 10000`,
    "or Postman's collection runner, with Settings > General > Working directory set to this project folder (the uploads send fixture files).",
  ].join('\n'),
);
