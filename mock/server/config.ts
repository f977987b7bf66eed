import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS, type AppConfig } from '../apis/context.ts';
import { LOG_LEVELS, type LogLevel } from '../lib/logger.ts';
import { parseDuration } from '../lib/duration.ts';
import type { WorldLimits } from '../engine/worlds.ts';

/** Everything the bin needs: the app's config plus where to listen and what to load. */
export interface BinConfig {
  app: AppConfig;
  port: number;
  host: string;
  /** null: memory store (`--in-memory`). */
  dbFile: string | null;
  worlds: WorldLimits;
  /** '' for the package's own fixtures. */
  fixturesDir: string;
  logLevel: LogLevel;
}

export class ConfigError extends Error {}

/** flag -> environment variable, the one table the help text and the parser share. */
export const OPTIONS = {
  port: { env: 'POCKETM8_PORT', default: '4010', help: 'port to listen on' },
  host: { env: 'POCKETM8_HOST', default: '127.0.0.1', help: 'address to listen on (0.0.0.0 for every interface)' },
  db: { env: 'POCKETM8_DB', default: '.data/db.json', help: 'lowdb JSON file (uploaded bytes go to media/ beside it)' },
  'in-memory': { env: 'POCKETM8_IN_MEMORY', default: 'false', help: 'keep everything in memory, nothing on disk' },
  fixtures: { env: 'POCKETM8_FIXTURES', default: '', help: "fixtures folder (db.json + media/); default: the package's fixtures/default" },
  'code-mode': { env: 'POCKETM8_CODE_MODE', default: 'derived', help: 'derived (HMAC of seed, see README) or fixed' },
  'code-seed': { env: 'POCKETM8_CODE_SEED', default: 'pocketm8', help: 'seed of derived codes and tokens' },
  'fixed-code': { env: 'POCKETM8_FIXED_CODE', default: '123456', help: 'the code every send uses in fixed mode (6 digits)' },
  latency: { env: 'POCKETM8_LATENCY', default: '0', help: 'milliseconds added to every API request (0-60000)' },
  'cors-origin': { env: 'POCKETM8_CORS_ORIGIN', default: '*', help: 'allowed CORS origin: * or one origin like http://localhost:5173' },
  'admin-token': { env: 'POCKETM8_ADMIN_TOKEN', default: '', help: 'when set, /__mock needs it as a bearer token' },
  'max-worlds': {
    env: 'POCKETM8_MAX_WORLDS',
    default: '1000',
    help: 'named worlds held at once; past it the least recently used is dropped (1-100000)',
  },
  'world-ttl': { env: 'POCKETM8_WORLD_TTL', default: '24h', help: 'a named world unused this long is dropped (like 30m, 24h, 7d)' },
  'log-level': { env: 'POCKETM8_LOG_LEVEL', default: 'info', help: `one of ${LOG_LEVELS.join(', ')}` },
  'validate-responses': {
    env: 'POCKETM8_VALIDATE_RESPONSES',
    default: 'warn',
    help: 'off, warn (log a response that breaks the spec) or strict (answer 500)',
  },
} as const;

type OptionName = keyof typeof OPTIONS;

export function helpText(): string {
  const rows = Object.entries(OPTIONS).map(
    ([name, option]) => `  --${name.padEnd(20)} ${option.help} [${option.env}${option.default ? `, default ${option.default}` : ''}]`,
  );
  return [
    'Usage: pocketm8-mock [options]',
    '',
    'Options (each also read from its environment variable):',
    ...rows,
    '  --help                 this text',
  ].join('\n');
}

function integer(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new ConfigError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return Number(text);
}

function oneOf<T extends string>(name: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text))
    throw new ConfigError(`--${name} must be one of ${allowed.join(', ')}, got "${text}"`);
  return text as T;
}

function flag(name: string, text: string): boolean {
  return oneOf(name, text.toLowerCase(), ['true', 'false', '1', '0', 'yes', 'no']) in { true: 1, 1: 1, yes: 1 };
}

/** Flags first, then the environment, then the defaults; throws ConfigError with a clear sentence. */
export function parseConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BinConfig | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(
      Object.keys(OPTIONS).map((name) => [name, { type: name === 'in-memory' ? ('boolean' as const) : ('string' as const) }]),
    );
    values = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${helpText()}`);
  }
  if (values.help) return 'help';
  const get = (name: OptionName): string => {
    const given = values[name];
    if (typeof given === 'boolean') return String(given);
    return given ?? env[OPTIONS[name].env] ?? OPTIONS[name].default;
  };
  const codeMode = oneOf('code-mode', get('code-mode'), ['derived', 'fixed']);
  const seed = get('code-seed');
  if (seed === '') throw new ConfigError('--code-seed must not be empty');
  const fixedCode = get('fixed-code');
  if (!/^\d{6}$/.test(fixedCode)) throw new ConfigError(`--fixed-code must be 6 digits, got "${fixedCode}"`);
  const cors = get('cors-origin');
  if (cors !== '*' && !/^https?:\/\/[^/\s]+$/.test(cors))
    throw new ConfigError(`--cors-origin must be * or an origin like http://localhost:5173, got "${cors}"`);
  const inMemory = flag('in-memory', get('in-memory'));
  const ttl = get('world-ttl');
  const ttlMs = parseDuration(ttl);
  if (ttlMs === undefined || ttlMs < 1000)
    throw new ConfigError(`--world-ttl must be a duration like 30m, 24h or 7d (at least 1s), got "${ttl}"`);
  return {
    port: integer('port', get('port'), 0, 65535),
    host: get('host'),
    dbFile: inMemory ? null : get('db'),
    worlds: { maxWorlds: integer('max-worlds', get('max-worlds'), 1, 100_000), ttlMs },
    fixturesDir: get('fixtures'),
    logLevel: oneOf('log-level', get('log-level'), LOG_LEVELS),
    app: {
      codes: codeMode === 'fixed' ? { kind: 'fixed', code: fixedCode, seed } : { kind: 'derived', seed },
      latencyMs: integer('latency', get('latency'), 0, 60_000),
      corsOrigin: cors,
      adminToken: get('admin-token') || null,
      responseValidation: oneOf('validate-responses', get('validate-responses'), ['off', 'warn', 'strict']),
      limits: DEFAULT_LIMITS,
    },
  };
}
