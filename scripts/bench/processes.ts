import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const HOST = '127.0.0.1';
const POLL_MS = 5;
const START_TIMEOUT_MS = 60_000;
const TAIL_BYTES = 4000;

/** A server process the bench started, with the last lines it printed (to explain a failure). */
export interface Running {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** Milliseconds from spawn to the first 200 of the ready URL. */
  startupMs: number;
  /** Milliseconds the request answered by that first 200 took (sent to answer read): the first request's own cost. */
  firstRequestMs: number;
  output(): string;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** One GET on a new connection: its status (0 when refused) and milliseconds from connected to answer read. */
function status(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; ms: number }> {
  return new Promise((resolve) => {
    let sent = performance.now();
    const req = request({ host: HOST, port, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - sent }));
    });
    // Timed from the connection: the probes before the server listens are refused at once.
    req.on('socket', (socket) => socket.once('connect', () => (sent = performance.now())));
    req.on('error', () => resolve({ status: 0, ms: 0 }));
    req.end();
  });
}

export interface SpawnSpec {
  command: string;
  args: string[];
  cwd: string;
  port: number;
  /** The GET that must answer 200 before the server counts as started. */
  readyPath: string;
  readyHeaders: Record<string, string>;
  env?: Record<string, string>;
}

/**
 * Spawns a server and polls its ready URL every few milliseconds; the time to the first 200 is
 * the start-up time. Output is drained (a full pipe would stall the server) and only its tail kept.
 */
export async function startProcess(spec: SpawnSpec): Promise<Running> {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
  };
  const started = performance.now();
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });
  let firstRequestMs = 0;
  for (;;) {
    if (exited) throw new Error(`${spec.command} ${spec.args.join(' ')} ${exited} before answering:\n${tail}`);
    const probe = await status(spec.port, spec.readyPath, spec.readyHeaders);
    firstRequestMs = probe.ms;
    if (probe.status === 200) break;
    if (performance.now() - started > START_TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`${spec.command} did not answer 200 on ${spec.readyPath} within ${START_TIMEOUT_MS} ms:\n${tail}`);
    }
    await sleep(POLL_MS);
  }
  const startupMs = performance.now() - started;
  if (child.pid === undefined) throw new Error(`${spec.command} has no pid`);
  return { child, pid: child.pid, port: spec.port, url: `http://${HOST}:${spec.port}`, startupMs, firstRequestMs, output: () => tail };
}

/** Peak resident memory of a process so far (VmHWM), in MB; null where /proc is missing. */
export async function peakRssMb(pid: number): Promise<number | null> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const match = text && /^VmHWM:\s+(\d+)\s+kB/m.exec(text);
  return match?.[1] ? Number(match[1]) / 1024 : null;
}

/** Resident memory of a process now (VmRSS), in MB; null where /proc is missing. */
export async function rssMb(pid: number): Promise<number | null> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const match = text && /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return match?.[1] ? Number(match[1]) / 1024 : null;
}

// USER_HZ: the unit of utime and stime in /proc/<pid>/stat, 100 on every Linux the bench runs on.
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far (user + system); null where /proc is missing. */
export async function cpuSeconds(pid: number): Promise<number | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  // The command name (field 2) may hold spaces: count fields from the closing parenthesis.
  const fields = text?.slice(text.lastIndexOf(')') + 2).split(' ');
  if (!fields) return null;
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds every core of the machine has been busy so far (all processes, from /proc/stat). */
export async function machineBusySeconds(): Promise<number | null> {
  const text = await readFile('/proc/stat', 'utf8').catch(() => null);
  const fields = text?.split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number);
  if (!fields || fields.length < 5) return null;
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const busy = fields.slice(0, 8).reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
  return busy / TICKS_PER_SECOND;
}

/** Stops a server: SIGKILL when asked (a crash, to check durability), otherwise SIGTERM then SIGKILL. */
export async function stopProcess(running: Running, how: 'kill' | 'term'): Promise<void> {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = once(child, 'exit');
  child.kill(how === 'kill' ? 'SIGKILL' : 'SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exit;
  clearTimeout(timer);
}
