import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { MockAssets } from '../core/assets.ts';
import { loadSpec } from '../core/compiled-spec.ts';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import { SPEC_FILES } from '../core/spec-files.ts';

/** Swagger UI's files, from the npm package (no CDN). */
export const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const consoleFile = (name: string) => readFileSync(join(PACKAGE_ROOT, 'mock/server/console', name), 'utf8');

/** Swaps `target` in `page` for `replacement`; a page that lost its marker fails at start-up, not in a browser. */
function inline(page: string, target: string, replacement: string): string {
  if (!page.includes(target)) throw new Error(`mock/server/console/index.html: ${target} is missing`);
  return page.replace(target, () => replacement);
}

/**
 * The QA console as one self-contained page: mock/server/console/index.html with its style sheet and
 * script inlined, so nothing else is fetched (with an admin token, only the page's own API calls
 * carry it).
 */
export function consolePage(): string {
  let page = consoleFile('index.html');
  page = inline(page, '<link rel="stylesheet" href="console.css">', `<style>\n${consoleFile('console.css')}</style>`);
  page = inline(page, '<script type="module" src="console.js"></script>', `<script type="module">\n${consoleFile('console.js')}</script>`);
  return page;
}

/** Reads once, on first use. */
function once<T>(read: () => T): () => T {
  let value: { read: T } | undefined;
  return () => (value ??= { read: read() }).read;
}

const version = once(() =>
  String((JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown }).version ?? '0.0.0'),
);

/** The server's assets, read from the package's files (specs from spec/, pages from mock/server/console/). */
export function serverAssets(): MockAssets {
  return {
    spec: (name) => loadSpec(SPEC_FILES.find((file) => file.name === name)!.path),
    get version() {
      return version();
    },
    pages: {
      console: once(consolePage),
      docs: once(() => consoleFile('docs.html')),
      swaggerFile: (file) => Readable.toWeb(createReadStream(join(SWAGGER_UI_DIR, file))) as ReadableStream<Uint8Array>,
    },
  };
}
