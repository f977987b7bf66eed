import { readFileSync } from 'node:fs';
import type { MockContext } from '../../context.ts';
import type { ControlHandlers } from './types.ts';

const PAGE = new URL('../../console/index.html', import.meta.url);

export function consoleHandlers(_context: MockContext): Pick<ControlHandlers, 'getConsole'> {
  const html = readFileSync(PAGE, 'utf8');
  return {
    getConsole: () => ({ status: 200, body: html, contentType: 'text/html; charset=utf-8', headers: { 'Cache-Control': 'no-cache' } }),
  };
}
