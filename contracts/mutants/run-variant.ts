// Runs the contract runner against one variant: serve.ts in a child process, the runner in
// another (exactly as a user runs it against any backend), then the runner's JUnit report read back.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJunit, type TestCase } from './junit.ts';
import type { Variant } from './variants.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface VariantRun {
  variant: string;
  exitCode: number;
  cases: TestCase[];
  seconds: number;
  /** Where the runner's report, its output and the server's output are. */
  reportDir: string;
}

/**
 * The environment of a child: without the calling vitest's variables (a vitest started inside a
 * vitest worker would take them for its own) and without CONTRACT_* (the flags say it all).
 */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|CONTRACT_)/.test(name) && name !== 'NODE_ENV'));
}

/** Starts serve.ts for the variant; resolves with its URL once it listens. */
async function serve(name: string, log: string): Promise<{ child: ChildProcess; url: string }> {
  const output = openSync(log, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'contracts/mutants/serve.ts', name], {
    cwd: ROOT,
    env: childEnv(),
    stdio: ['ignore', 'pipe', output],
  });
  closeSync(output);
  let seen = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.ts ${name} did not listen within 60 s: ${seen}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /^listening (\S+)$/m.exec(seen)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.ts ${name} exited with ${code} before listening: ${seen}${readFileSync(log, 'utf8')}`));
    });
  });
  child.stdout?.resume();
  return { child, url };
}

/** Runs a program to its end with its output in a file; answers its exit code. */
async function run(file: string, args: readonly string[], log: string): Promise<number> {
  const output = openSync(log, 'w');
  try {
    const child = spawn(file, args, { cwd: ROOT, env: childEnv(), stdio: ['ignore', output, output] });
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    return code ?? (signal ? 128 : 1);
  } finally {
    closeSync(output);
  }
}

/** Serves the variant, runs its groups and tests against it, and reads the outcome of every test. */
export async function runVariant(variant: Variant, reportsDir = join(ROOT, 'reports', 'mutants')): Promise<VariantRun> {
  const reportDir = join(reportsDir, variant.name);
  await rm(reportDir, { recursive: true, force: true });
  await mkdir(reportDir, { recursive: true });
  const started = Date.now();
  const { child, url } = await serve(variant.name, join(reportDir, 'server.log'));
  try {
    const exitCode = await run(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['contracts/runner.ts', '--base-url', url, '--groups', variant.groups.join(','), '--grep', variant.grep, '--report-dir', reportDir],
      join(reportDir, 'runner.log'),
    );
    let cases: TestCase[] = [];
    try {
      cases = parseJunit(readFileSync(join(reportDir, 'junit.xml'), 'utf8'));
    } catch {
      // No report: the runner broke before the tests ran; the exit code and runner.log say why.
    }
    return { variant: variant.name, exitCode, cases, seconds: Math.round((Date.now() - started) / 100) / 10, reportDir };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}
