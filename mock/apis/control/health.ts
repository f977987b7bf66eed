import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MockContext } from '../context.ts';
import { PACKAGE_ROOT } from '../../core/package-root.ts';
import type { ControlHandlers } from './types.ts';

let version: string | undefined;

/** The mock's package version, from the project's package.json (read once per process). */
function packageVersion(): string {
  return (version ??= String(
    (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown }).version ?? '0.0.0',
  ));
}

export function healthHandlers(context: MockContext): Pick<ControlHandlers, 'getHealth'> {
  const current = packageVersion();
  return {
    getHealth: () => ({
      status: 200,
      body: { status: 'ok', uptimeMs: Math.round(process.uptime() * 1000), now: context.clock.iso(), version: current },
    }),
  };
}
