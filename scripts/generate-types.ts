/**
 * npm run gen:types: writes spec/generated/<name>.ts from spec/<name>.openapi.yaml with
 * openapi-typescript. With --check it writes nothing and exits 1 listing the files that differ.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { typesStatus } from '../spec/lib/generate-types.ts';
import { SPEC_FILES } from '../mock/core/spec-files.ts';

const args = process.argv.slice(2);
const unknownArgs = args.filter((arg) => arg !== '--check');
if (unknownArgs.length > 0) {
  console.error(`unknown argument: ${unknownArgs.join(' ')}\nusage: npm run gen:types [-- --check]`);
  process.exit(2);
}
const check = args.includes('--check');

const statuses = await typesStatus(SPEC_FILES);
const differing = statuses.filter((status) => status.current !== status.expected);
const show = (path: string) => relative(process.cwd(), path);

if (check) {
  for (const { spec, current } of differing) {
    console.error(`${show(spec.generatedTypesPath)} ${current === undefined ? 'is missing' : 'differs'} from ${spec.relativePath}`);
  }
  if (differing.length > 0) {
    console.error('run npm run gen:types');
    process.exit(1);
  }
  console.log(`${statuses.length} generated type files are up to date`);
} else {
  for (const { spec, expected } of differing) {
    await mkdir(dirname(spec.generatedTypesPath), { recursive: true });
    await writeFile(spec.generatedTypesPath, expected);
    console.log(`wrote ${show(spec.generatedTypesPath)}`);
  }
  console.log(`${statuses.length - differing.length} of ${statuses.length} generated type files were already up to date`);
}
