import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MockContext } from '../context.ts';
import { PACKAGE_ROOT } from '../../core/package-root.ts';
import type { ControlHandlers } from './types.ts';

const file = (name: string) => readFileSync(join(PACKAGE_ROOT, 'mock/server/console', name), 'utf8');

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
  let page = file('index.html');
  page = inline(page, '<link rel="stylesheet" href="console.css">', `<style>\n${file('console.css')}</style>`);
  page = inline(page, '<script type="module" src="console.js"></script>', `<script type="module">\n${file('console.js')}</script>`);
  return page;
}

/** The page, read once per process: every world serves the same one (a world's page finds its world in its URL). */
let page: string | undefined;

export function consoleHandlers(_context: MockContext): Pick<ControlHandlers, 'getConsole'> {
  const html = (page ??= consolePage());
  return {
    getConsole: () => ({ status: 200, body: html, contentType: 'text/html; charset=utf-8', headers: { 'Cache-Control': 'no-cache' } }),
  };
}
