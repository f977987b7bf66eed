import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MockContext } from '../../context.ts';
import type { ControlHandlers } from './types.ts';

/** The mock's package version: the nearest package.json above this file (source or build). */
function packageVersion(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? '0.0.0');
    if (dirname(folder) === folder) return '0.0.0';
  }
}

export function healthHandlers(context: MockContext): Pick<ControlHandlers, 'getHealth'> {
  const version = packageVersion();
  return {
    getHealth: () => ({
      status: 200,
      body: { status: 'ok', uptimeMs: Math.round(process.uptime() * 1000), now: context.clock.iso(), version },
    }),
  };
}
