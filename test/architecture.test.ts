import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../mock/core/package-root.ts';

const run = promisify(execFile);
const DEPCRUISE = join(PACKAGE_ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** The import-direction rules of .dependency-cruiser.cjs over some files, as dependency-cruiser reports them. */
async function violations(...paths: string[]): Promise<Violation[]> {
  const args = [DEPCRUISE, ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'];
  const { stdout } = await run(process.execPath, args, { cwd: PACKAGE_ROOT, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('rooms and import directions (docs/architecture.md)', () => {
  it('holds over the whole mock', async () => {
    expect(await violations('mock')).toEqual([]);
  });

  const PLANTED = [
    { room: 'domain', imports: '../core/apis.ts', rule: 'domain-knows-no-transport' },
    { room: 'domain', imports: 'express', rule: 'domain-knows-no-transport' },
    { room: 'core', imports: '../domain/clock.ts', rule: 'core-below-apis' },
    { room: 'apis', imports: '../server/app.ts', rule: 'apis-see-no-door' },
    { room: 'engine', imports: '../server/app.ts', rule: 'engine-below-doors' },
    { room: 'store', imports: '../domain/services.ts', rule: 'store-is-a-leaf' },
    { room: 'lib', imports: '../core/apis.ts', rule: 'lib-is-a-leaf' },
    { room: 'engine', imports: '../../test/harness.ts', rule: 'mock-uses-no-test-code' },
    { room: 'apis', imports: '../../spec/lib/run-command.ts', rule: 'mock-runs-without-spec-code' },
    { room: 'server', imports: '../msw/handlers.ts', rule: 'doors-apart' },
    { room: 'msw', imports: '../server/app.ts', rule: 'msw-door-has-no-server' },
    { room: 'msw', imports: 'node:fs', rule: 'msw-door-uses-no-node-builtins' },
  ];

  it('fails on an import planted against the grain, for every rule', async () => {
    const files = PLANTED.map(({ room, imports }, index) => {
      const file = `mock/${room}/planted-${index}.ts`;
      writeFileSync(join(PACKAGE_ROOT, file), `import * as planted from '${imports}';\nexport default planted;\n`);
      return file;
    });
    try {
      const found = await violations(...files);
      for (const [index, { rule }] of PLANTED.entries()) {
        const names = found.filter((violation) => violation.from === files[index]).map((violation) => violation.rule.name);
        expect(names, `${files[index]} importing ${PLANTED[index]!.imports}`).toContain(rule);
      }
    } finally {
      for (const file of files) rmSync(join(PACKAGE_ROOT, file), { force: true });
    }
  });
});
