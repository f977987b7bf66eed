/**
 * npm run postman [-- --out <dir>]: writes the Postman collection of the three specs and an
 * environment for the local mock (default folder: postman/).
 */
import { relative, resolve } from 'node:path';
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
const show = (path: string) => relative(process.cwd(), path);
console.log(`wrote ${show(collectionPath)} (${requests} requests) and ${show(environmentPath)}`);
console.log(
  'In Postman: Import, drop both files, then pick the environment "Pocketm8 mock (local)" (npm start serves the mock on http://localhost:4010).',
);
