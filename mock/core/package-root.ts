import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder: the nearest one above this module that holds a package.json. The same
 * from the TypeScript sources, from tsc's `dist/` and from the one-file bundle, so the specs and
 * the console's pages are found wherever the code runs from.
 */
export const PACKAGE_ROOT = (() => {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${start}`);
  }
})();
