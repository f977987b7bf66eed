import autocannon, { type Options } from 'autocannon';
import type { KindCounter, KindMeasurement } from './kinds.ts';
import { cpuSeconds, machineBusySeconds } from './processes.ts';

/** One measured load run. */
export interface Measurement {
  requestsPerSec: number;
  /** Milliseconds, from every response's own time (autocannon's histogram keeps whole ms only). */
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
  statusCodes: Record<string, number>;
  /** Share of one core the server used during the run (1 = one core busy all the time). */
  serverCpu: number | null;
  /** The same for this process, the load generator: near 1 means the client may be the limit. */
  clientCpu: number;
  /**
   * The same for everything else on the machine during the run: well above 0 means another
   * program took CPU from the server or the load generator, and the number is disturbed.
   */
  otherCpu: number | null;
  /** A run of several kinds of request (the mixed scenario): each kind's own figures. */
  kinds?: Record<string, KindMeasurement>;
}

/** The value at `fraction` of values sorted in ascending order (nearest rank); NaN for none. */
export function percentile(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One bounded autocannon run (fixed connections and duration); `kinds` sorts the responses of a mixed run. */
export async function load(options: Options, serverPid?: number, kinds?: KindCounter): Promise<Measurement> {
  const latencies: number[] = [];
  kinds?.reset();
  const serverBefore = serverPid === undefined ? null : await cpuSeconds(serverPid);
  const clientBefore = process.cpuUsage();
  const machineBefore = await machineBusySeconds();
  // autocannon looks at its stop flag once a sample (default every second), so a run of 0.5 s
  // would last 1 s: sampling every 100 ms ends a run at most 0.1 s past its duration.
  const instance = autocannon({ timeout: 10, sampleInt: 100, ...options });
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    kinds?.record(responseTime);
  });
  const result = await instance;
  const serverAfter = serverPid === undefined ? null : await cpuSeconds(serverPid);
  const client = process.cpuUsage(clientBefore);
  const machineAfter = await machineBusySeconds();
  const sorted = Float64Array.from(latencies).sort();
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]));
  const requests = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
  const serverCpu = serverBefore === null || serverAfter === null ? null : (serverAfter - serverBefore) / result.duration;
  const clientCpu = (client.user + client.system) / 1e6 / result.duration;
  const machine = machineBefore === null || machineAfter === null ? null : (machineAfter - machineBefore) / result.duration;
  return {
    requestsPerSec: requests / result.duration,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    requests,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    statusCodes,
    serverCpu,
    clientCpu,
    otherCpu: machine === null || serverCpu === null ? null : Math.max(0, machine - serverCpu - clientCpu),
    ...(kinds ? { kinds: kinds.result(result.duration) } : {}),
  };
}

/** A warm-up run (results dropped), then the measured run with the same options. */
export async function warmAndLoad(
  options: Options,
  warmupSeconds: number,
  seconds: number,
  serverPid?: number,
  kinds?: KindCounter,
): Promise<Measurement> {
  await load({ ...options, duration: warmupSeconds });
  return load({ ...options, duration: seconds }, serverPid, kinds);
}
