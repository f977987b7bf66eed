import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { basePathOf } from '../../../mock/core/apis.ts';
import { specFileOf } from '../../../mock/core/spec-files.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PRISM = fileURLToPath(new URL('../../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));

/** The spec each API is served from, and the path under the server root where the mock serves it. */
export type PrismApi = 'pocketm8' | 'pace';
export const PRISM_APIS = Object.fromEntries(
  (['pocketm8', 'pace'] as const).map((api) => [api, { spec: specFileOf(api).relativePath, basePath: basePathOf(api) }]),
) as Record<PrismApi, { spec: string; basePath: string }>;

/** Default ports: Prism's own mocks on 4011/4012, the validating proxies on 4021/4022 (the mock is on 4010). */
export const PRISM_PORTS = { mock: { pocketm8: 4011, pace: 4012 }, proxy: { pocketm8: 4021, pace: 4022 } } as const;

export interface PrismProxyOptions {
  api: PrismApi;
  /** The server root: the proxy forwards <basePath>/... there. */
  upstream: string;
  port: number;
  host?: string;
  /** Prism's --errors: refuse invalid requests itself (401/422) and turn invalid responses into 500. */
  errors: boolean;
}

export interface RunningPrism {
  /** Where the API answers through Prism (with its base path, for a proxy). */
  url: string;
  child: ChildProcess;
  /** Everything Prism printed so far, one entry a line. */
  lines: string[];
  stop(): Promise<void>;
}

/**
 * The API's spec with every path under its base path (`/tasks` -> `/api/tasks`), as JSON in
 * `dir`. Prism routes on the spec's paths alone, so with this copy the proxy keeps the server's
 * URL layout: a client only changes host and port, and a `Location: /api/tasks/...` resolves.
 */
export function prefixedSpec(api: PrismApi, dir: string): string {
  const { spec, basePath } = PRISM_APIS[api];
  const document = parse(readFileSync(join(ROOT, spec), 'utf8')) as { paths: Record<string, unknown> };
  document.paths = Object.fromEntries(Object.entries(document.paths).map(([path, item]) => [`${basePath}${path}`, item]));
  const file = join(dir, `${api}.openapi.json`);
  writeFileSync(file, JSON.stringify(document));
  return file;
}

/**
 * Starts `prism proxy` for one API in front of `upstream` (the server root): Prism serves
 * <prism><basePath>/... and forwards to <upstream><basePath>/....
 */
export async function startPrismProxy(options: PrismProxyOptions, onLine?: (line: string) => void): Promise<RunningPrism> {
  const dir = mkdtempSync(join(tmpdir(), 'pocketm8-prism-'));
  const args = [
    'proxy',
    prefixedSpec(options.api, dir),
    options.upstream.replace(/\/+$/, ''),
    '--port',
    String(options.port),
    '--host',
    options.host ?? '127.0.0.1',
    ...(options.errors ? ['--errors'] : []),
  ];
  try {
    const prism = await startPrism(args, onLine);
    const stop = prism.stop;
    return {
      ...prism,
      url: `${prism.url}${PRISM_APIS[options.api].basePath}`,
      stop: () => stop().finally(() => rmSync(dir, { recursive: true, force: true })),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Starts Prism with these arguments and resolves once it listens (its "Prism is listening on" line). */
export async function startPrism(args: readonly string[], onLine?: (line: string) => void): Promise<RunningPrism> {
  const child = spawn(process.execPath, [PRISM, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  // Prism must not outlive this process, however it ends (process.exit, an uncaught error).
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const lines: string[] = [];
  let pending = '';
  const url = await new Promise<string>((resolve, reject) => {
    const take = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        onLine?.(line);
        const listening = /Prism is listening on (\S+)/.exec(line);
        if (listening?.[1]) resolve(listening[1]);
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`prism ${args.join(' ')} exited with ${code} before listening:\n${lines.join('\n')}`)));
  });
  return {
    url,
    child,
    lines,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A violation Prism logged: `Violation: response.body must have required property 'id'`. */
export interface PrismViolation {
  side: 'request' | 'response';
  severity: 'error' | 'warning' | 'info';
  message: string;
}

const VIOLATION = /(error|warn(?:ing)?|info)\s+Violation: (request|response)\S*\s?(.*)$/;
/** The violations in Prism's log (its VALIDATOR lines). */
export function parseViolations(lines: readonly string[]): PrismViolation[] {
  const violations: PrismViolation[] = [];
  for (const line of lines) {
    const match = VIOLATION.exec(line);
    if (!match) continue;
    const severity = match[1]?.startsWith('warn') ? 'warning' : (match[1] as 'error' | 'info');
    violations.push({
      side: match[2] as 'request' | 'response',
      severity,
      message: line.slice(line.indexOf('Violation: ') + 'Violation: '.length),
    });
  }
  return violations;
}
