import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Whether a bundle written by scripts/bundle.ts is newer than every project file it was built
 * from (listed in `<name>.inputs.json` beside it). False when either file is missing.
 */
export function bundleIsFresh(bundle) {
  try {
    const built = statSync(bundle).mtimeMs;
    const manifest = JSON.parse(readFileSync(bundle.replace(/\.mjs$/, '.inputs.json'), 'utf8'));
    const root = resolve(dirname(bundle), manifest.root);
    return manifest.inputs.every((input) => statSync(join(root, input)).mtimeMs <= built);
  } catch {
    return false;
  }
}
