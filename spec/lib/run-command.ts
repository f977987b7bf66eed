import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program without a shell; resolves with its exit code and output, whatever the exit code.
 * Output goes to files, not pipes: CLIs that call process.exit() (Dredd does) lose the tail of what
 * they wrote to a pipe that was not drained in time, which happens on a busy machine.
 */
export async function runCommand(file: string, args: readonly string[], options: { cwd?: string } = {}): Promise<CommandResult> {
  const folder = await mkdtemp(join(tmpdir(), 'run-command-'));
  const stdoutPath = join(folder, 'stdout');
  const stderrPath = join(folder, 'stderr');
  const [stdoutFile, stderrFile] = await Promise.all([open(stdoutPath, 'w'), open(stderrPath, 'w')]);
  try {
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(file, args, { cwd: options.cwd, stdio: ['ignore', stdoutFile.fd, stderrFile.fd] });
      child.once('error', (error) => reject(new Error(`could not run ${file}: ${error.message}`)));
      child.once('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
    });
    const [stdout, stderr] = await Promise.all([readFile(stdoutPath, 'utf8'), readFile(stderrPath, 'utf8')]);
    return { exitCode, stdout, stderr };
  } finally {
    await Promise.all([stdoutFile.close(), stderrFile.close()]);
    await rm(folder, { recursive: true, force: true });
  }
}
