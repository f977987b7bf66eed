import { parseArgs } from 'node:util';

export const SERVER_NAMES = ['pocketm8-mock', 'prism', 'json-server', 'express', 'node-http'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export const SCENARIO_NAMES = ['get-by-id', 'list-page', 'invalid-write', 'mixed', 'create-task', 'phone-change'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** How big one generated data set is. */
export interface DataSize {
  users: number;
  tasks: number;
  files: number;
}

export interface BenchOptions {
  smoke: boolean;
  connections: number;
  /** Seconds of measured load per scenario. */
  duration: number;
  /** Seconds of unmeasured load before each scenario. */
  warmup: number;
  /** The data set every scenario runs on. */
  main: DataSize;
  /** The second data set, for start-up time and peak RSS only. */
  large: DataSize;
  /** Seconds of load on the large data set before its RSS is read. */
  largeDuration: number;
  servers: readonly ServerName[];
  scenarios: readonly ScenarioName[];
  /** Leave out the start-up and memory runs (for profiling one scenario). */
  skipStartup: boolean;
  out: string;
  seed: string;
  /** Write a V8 CPU profile of the mock (into the report folder). */
  profile: boolean;
  /** The worlds phase (the mock only): worlds created one at a time and timed, worlds held for the RSS; null: left out. */
  worlds: { created: number; held: number } | null;
}

const FULL = {
  main: { users: 1000, tasks: 10_000, files: 2000 },
  large: { users: 1000, tasks: 100_000, files: 2000 },
  worlds: { created: 500, held: 1000 },
};
const SMOKE = {
  main: { users: 60, tasks: 300, files: 20 },
  large: { users: 60, tasks: 3000, files: 20 },
  worlds: { created: 20, held: 50 },
};

export const USAGE = `Usage: npm run bench -- [options]
  --smoke              tiny data, about 0.5 s per scenario (CI: checks that the bench runs)
  --duration S         measured seconds per scenario (default 10; smoke 0.5)
  --warmup S           warm-up seconds before each scenario (default 2; smoke 0.2)
  --connections N      concurrent connections (default 32; smoke 8)
  --servers a,b        only these servers (${SERVER_NAMES.join(', ')})
  --scenarios a,b      only these scenarios (${SCENARIO_NAMES.join(', ')})
  --skip-startup       leave out the start-up and memory runs
  --skip-worlds        leave out the worlds runs (GET by id in a named world, creation, 1,000 worlds held)
  --profile            also write a CPU profile of the mock (node --cpu-prof) to the report folder
  --out FILE           JSON report (default reports/bench/bench.json)`;

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got "${text}"`);
  return value;
}

function list<T extends string>(name: string, text: string | undefined, known: readonly T[]): T[] {
  if (text === undefined) return [...known];
  const names = text.split(',').map((item) => item.trim());
  const unknown = names.filter((item) => !(known as readonly string[]).includes(item));
  if (unknown.length > 0) throw new Error(`--${name}: unknown ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return names as T[];
}

/** Reads the command line; throws with a sentence for a bad flag. */
export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      smoke: { type: 'boolean' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      servers: { type: 'string' },
      scenarios: { type: 'string' },
      'skip-startup': { type: 'boolean' },
      'skip-worlds': { type: 'boolean' },
      profile: { type: 'boolean' },
      out: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const smoke = values.smoke === true;
  const servers = list('servers', values.servers, SERVER_NAMES);
  const scenarios = list('scenarios', values.scenarios, SCENARIO_NAMES);
  const sizes = smoke ? SMOKE : FULL;
  return {
    smoke,
    connections: Math.round(positive('connections', values.connections, smoke ? 8 : 32)),
    duration: positive('duration', values.duration, smoke ? 0.5 : 10),
    warmup: positive('warmup', values.warmup, smoke ? 0.2 : 2),
    main: sizes.main,
    large: sizes.large,
    largeDuration: smoke ? 0.5 : 3,
    servers,
    scenarios,
    skipStartup: values['skip-startup'] === true,
    out: values.out ?? 'reports/bench/bench.json',
    seed: values.seed ?? 'bench',
    profile: values.profile === true,
    worlds: values['skip-worlds'] === true || !servers.includes('pocketm8-mock') ? null : sizes.worlds,
  };
}
