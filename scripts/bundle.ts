// The mock as one ES module, dist/pocketm8-mock.mjs: what `npm start` and the `pocketm8-mock` bin
// run. One file loads in about two thirds of the time of the ~150 modules it is made of (Node
// resolves, reads and compiles each module of an import graph on its own). Runs on `npm ci`
// (prepare) and in `npm run build`. Beside it, pocketm8-mock.inputs.json lists the project's files
// that went in (bin/pocketm8-mock.js runs the TypeScript sources instead when one is newer), and
// dist/spec/ the specs as JSON (loadSpec reads those while they are newer than the YAML), and
// dist/msw/ the MSW door (pocketm8-mock/msw, see bundle-msw.ts).
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { load } from 'js-yaml';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jsonCopyOf } from '../mock/core/compiled-spec.ts';
import { PACKAGE_ROOT as ROOT } from '../mock/core/package-root.ts';
import { SPEC_FILES } from '../mock/core/spec-files.ts';
import { buildMswBundle, NODE_BUILTINS } from './bundle-msw.ts';
import { generatedValidators } from './standalone-validators.ts';

/**
 * Node's built-ins through `require` (the banner's), not `import`: for an `import`, Node builds an
 * ES module facade that reads every export, and reading `node:http`'s `WebSocket` loads undici
 * (about 25 ms of a 350 ms start-up on the bench machine, for a module the mock never uses). The
 * stand-in has the built-in as its prototype and no own properties, so that esbuild's `__toESM`
 * (which asks every own property for its descriptor: 4 ms for node:util's lazy `TextDecoder` and
 * `diff`) copies nothing; names are found on the prototype.
 */
const builtinsByRequire: Plugin = {
  name: 'builtins-by-require',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[a-z_:/]+$/ }, ({ path, kind }) =>
      kind === 'import-statement' && NODE_BUILTINS.has(path) ? { path, namespace: 'builtin' } : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'builtin' }, ({ path }) => ({
      contents: `module.exports = Object.create(require(${JSON.stringify(path)}));`,
    }));
  },
};

/**
 * What the two Node bundles share: ES module out, built-ins through a `require` made in the banner,
 * the specs' validators generated (standalone-validators.ts).
 */
const NODE_BUNDLE = {
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Left in node_modules: iconv-lite's encoding tables (half the bundle, loaded only when a body
  // names a charset other than UTF-8) and mime-db (JSON, which Node parses faster than a literal).
  external: ['iconv-lite', 'mime-db'],
  // The CommonJS packages inside (express, ajv) call require() for Node's own modules; so do the built-ins' stand-ins.
  banner: {
    js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);",
  },
  plugins: [builtinsByRequire, generatedValidators()],
} satisfies BuildOptions;

/** Writes `<outDir>/pocketm8-mock.mjs` and its list of inputs; answers the bundle's path. */
export async function bundleMock(outDir = join(ROOT, 'dist')): Promise<string> {
  const outfile = join(outDir, 'pocketm8-mock.mjs');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['mock/server/bin.ts'],
    outfile,
    bundle: true,
    ...NODE_BUNDLE,
    metafile: true,
    logLevel: 'warning',
    // Smaller to parse; names are kept, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // Paths relative to the project; node_modules is covered by package-lock.json (npm keeps the
  // packages' own file dates, which say nothing of when they were installed). Modules made by a
  // plugin (`builtin:node:fs`) are no files.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.startsWith('node_modules/') && !input.includes(':'))
    .sort();
  writeFileSync(
    join(outDir, 'pocketm8-mock.inputs.json'),
    `${JSON.stringify({ root: relative(outDir, ROOT) || '.', inputs: ['package-lock.json', ...inputs] }, null, 2)}\n`,
  );
  return outfile;
}

/**
 * The package's programmatic API (`pocketm8-mock`: startMock, createMockClient) as dist/index.mjs,
 * and the control API client alone as dist/client.mjs (fetch only: runs in browsers too).
 */
export async function bundleApi(outDir = join(ROOT, 'dist')): Promise<void> {
  const common = { absWorkingDir: ROOT, bundle: true, format: 'esm', metafile: false, logLevel: 'warning', minifySyntax: true } as const;
  await build({
    ...common,
    entryPoints: ['mock/index.ts'],
    outfile: join(outDir, 'index.mjs'),
    ...NODE_BUNDLE,
  });
  // platform browser: the build fails on any import of a Node built-in.
  await build({
    ...common,
    entryPoints: ['mock/client/client.ts'],
    outfile: join(outDir, 'client.mjs'),
    platform: 'browser',
    target: 'es2022',
  });
}

/** The three specs as JSON in dist/spec/. */
export function writeSpecCopies(): void {
  for (const file of SPEC_FILES) {
    const copy = jsonCopyOf(file.path);
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(copy, JSON.stringify(load(readFileSync(file.path, 'utf8'))));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleMock();
  await bundleApi();
  writeSpecCopies();
  await buildMswBundle({ types: true });
}
