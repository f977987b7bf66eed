// pocketm8-mock/msw as one browser module, dist/msw/index.js (+ index.d.ts): the MSW door with the
// three specs, the default fixtures (db.json and its media bytes) and the version inside, `msw`
// left to the user's own copy (a peer dependency). Built for `platform: 'browser'`: the build fails
// when anything in it imports a Node built-in (no polyfills). Runs in `npm run bundle` (and so on
// `npm ci`), and the tests that load it build it first (buildMswBundle), so they never run a stale one.
import { execFileSync } from 'node:child_process';
import { build, type Plugin } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { specFingerprint } from '../mock/core/compiled-spec.ts';
import { PACKAGE_ROOT as ROOT } from '../mock/core/package-root.ts';
import { generatedValidators, specDocuments, type SpecDocument } from './standalone-validators.ts';

export interface MswBundle {
  file: string;
  /** Minified size, and gzipped (level 9). */
  bytes: number;
  gzipBytes: number;
}

const EMBEDDED = 'pocketm8-mock:embedded';
/** Node's built-in modules, bare and with `node:` (the Node bundles take them through `require`, see bundle.ts). */
export const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * The module `pocketm8-mock:embedded`: specs (with the fingerprints that the generated validators
 * match), fixtures and version as data (see mock/msw/embedded.d.ts).
 */
function embeddedSource(documents: readonly SpecDocument[], fixturesDir: string): string {
  const specs = Object.fromEntries(documents.map(({ name, document }) => [name, document]));
  const fingerprints = Object.fromEntries(documents.map(({ name, document }) => [name, specFingerprint(document)]));
  const mediaDir = join(fixturesDir, 'media');
  const media = Object.fromEntries(readdirSync(mediaDir).map((key) => [key, readFileSync(join(mediaDir, key)).toString('base64')]));
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  // JSON.parse of a string literal parses faster than the same object as a literal.
  return [
    'const bytes = (base64) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));',
    `const media = ${JSON.stringify(media)};`,
    'export const sources = {',
    `  specs: JSON.parse(${JSON.stringify(JSON.stringify(specs))}),`,
    `  fingerprints: ${JSON.stringify(fingerprints)},`,
    `  fixtures: { db: ${JSON.stringify(readFileSync(join(fixturesDir, 'db.json'), 'utf8'))}, media: Object.fromEntries(Object.entries(media).map(([key, value]) => [key, bytes(value)])) },`,
    `  version: ${JSON.stringify(version)},`,
    '};',
  ].join('\n');
}

function embedded(documents: readonly SpecDocument[], fixturesDir: string): Plugin {
  return {
    name: 'pocketm8-embedded',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^pocketm8-mock:embedded$/ }, () => ({ path: EMBEDDED, namespace: 'embedded' }));
      esbuild.onLoad({ filter: /.*/, namespace: 'embedded' }, () => ({
        contents: embeddedSource(documents, fixturesDir),
        loader: 'js',
        resolveDir: ROOT,
      }));
    },
  };
}

/** Fails the build on a Node built-in, naming the module that imports it. */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[a-z_:/]+$/ }, ({ path, importer }) =>
      NODE_BUILTINS.has(path)
        ? { errors: [{ text: `${path} is a Node built-in: the MSW bundle runs in browsers (imported by ${importer})` }] }
        : undefined,
    );
  },
};

export interface BuildMswOptions {
  outDir?: string;
  /** The package the door imports `http` from (a test builds one against `msw-next`, the next major). */
  msw?: string;
  /** Also write index.d.ts (the package's types). */
  types?: boolean;
}

/** Builds dist/msw/index.js; answers its path and sizes. */
export async function buildMswBundle(options: BuildMswOptions = {}): Promise<MswBundle> {
  const outDir = options.outDir ?? join(ROOT, 'dist/msw');
  const file = join(outDir, 'index.js');
  const msw = options.msw ?? 'msw';
  const documents = specDocuments();
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['mock/msw/index.ts'],
    outfile: file,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
    external: [msw, `${msw}/*`],
    alias: msw === 'msw' ? {} : { msw },
    // The specs read once: the embedded documents and the generated validators come from the same ones.
    plugins: [noNodeBuiltins, embedded(documents, join(ROOT, 'fixtures/default')), generatedValidators(() => documents)],
  });
  if (options.types) writeTypes(outDir);
  const text = readFileSync(file);
  return { file, bytes: text.length, gzipBytes: gzipSync(text, { level: 9 }).length };
}

/** index.d.ts and types.d.ts, from mock/msw/index.ts and types.ts (which import nothing of the mock). */
function writeTypes(outDir: string): void {
  const tmp = join(ROOT, '.tmp/msw-types');
  rmSync(tmp, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      // Only these two files, unchecked (npm run typecheck checks them): their exports have explicit types.
      ...['mock/msw/index.ts', 'mock/msw/types.ts', '--declaration', '--emitDeclarationOnly', '--noCheck', '--noResolve', '--outDir', tmp],
      ...['--rootDir', 'mock/msw', '--target', 'ES2023', '--module', 'NodeNext', '--moduleResolution', 'NodeNext'],
      ...['--allowImportingTsExtensions', '--rewriteRelativeImportExtensions', '--strict', '--skipLibCheck', '--types', 'node'],
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  mkdirSync(outDir, { recursive: true });
  for (const name of ['index.d.ts', 'types.d.ts']) {
    writeFileSync(join(outDir, name), readFileSync(join(tmp, name), 'utf8').replace(/(from '\.\/[\w-]+)\.ts'/g, "$1.js'"));
  }
  rmSync(tmp, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { file, bytes, gzipBytes } = await buildMswBundle({ types: true });
  console.log(`${file}: ${(bytes / 1024).toFixed(1)} KiB minified, ${(gzipBytes / 1024).toFixed(1)} KiB gzipped`);
}
