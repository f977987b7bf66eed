import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface MockProcess {
  child: ChildProcess;
  pid: number;
  origin: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How a test starts the mock: its TypeScript sources through tsx. */
export const FROM_SOURCE = ['--import', 'tsx', 'mock/server/bin.ts'] as const;

/**
 * Starts the real bin (by default `node --import tsx mock/server/bin.ts`; `entry` replaces what follows
 * `node`) as a child process on a free port (`--port 0`), and resolves once its banner names the port.
 */
export function startMockProcess(
  args: readonly string[],
  timeoutMs = 60_000,
  entry: readonly string[] = FROM_SOURCE,
): Promise<MockProcess> {
  const child = spawn(process.execPath, [...entry, '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the mock did not start within ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /ready on http:\/\/[^:\s]+:(\d+)/.exec(out)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ child, pid: child.pid!, origin: `http://127.0.0.1:${port}`, stderr: () => err, exited });
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the mock exited (${code ?? signal}) before it was ready: ${err}`));
    });
  });
}

/** The resident set size of a process in bytes (Linux `/proc/<pid>/status`, VmRSS). */
export function rssOf(pid: number): number {
  const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}
