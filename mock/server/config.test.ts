import { describe, expect, it } from 'vitest';
import { ConfigError, helpText, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('has defaults that serve the fixtures on port 4010 with derived codes', () => {
    expect(parseConfig([], {})).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      dbFile: '.data/db.json',
      fixturesDir: '',
      logLevel: 'info',
      app: { codes: { kind: 'derived', seed: 'pocketm8' }, latencyMs: 0, corsOrigin: '*', adminToken: null, responseValidation: 'warn' },
    });
  });

  it('takes flags before environment variables', () => {
    const config = parseConfig(['--port', '5000', '--in-memory', '--code-mode', 'fixed'], {
      POCKETM8_PORT: '6000',
      POCKETM8_LATENCY: '250',
      POCKETM8_FIXED_CODE: '000111',
    });
    expect(config).toMatchObject({ port: 5000, dbFile: null, app: { latencyMs: 250, codes: { kind: 'fixed', code: '000111' } } });
  });

  it('reads every setting from the environment', () => {
    const config = parseConfig([], {
      POCKETM8_IN_MEMORY: 'true',
      POCKETM8_ADMIN_TOKEN: 's3cret',
      POCKETM8_CORS_ORIGIN: 'http://localhost:5173',
      POCKETM8_LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({ dbFile: null, logLevel: 'debug', app: { adminToken: 's3cret', corsOrigin: 'http://localhost:5173' } });
  });

  it('answers help', () => {
    expect(parseConfig(['--help'], {})).toBe('help');
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--latency', '-5'], /--latency/],
    [['--code-mode', 'random'], /--code-mode must be one of derived, fixed/],
    [['--fixed-code', '12345'], /--fixed-code must be 6 digits/],
    [['--log-level', 'loud'], /--log-level must be one of/],
    [['--cors-origin', 'localhost'], /--cors-origin/],
    [['--validate-responses', 'maybe'], /--validate-responses/],
    [['--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['stray'], /positional/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseConfig(argv, {})).toThrow(ConfigError);
    expect(() => parseConfig(argv, {})).toThrow(message);
  });
});

describe('world limits', () => {
  it('default to 1000 worlds and 24 hours', () => {
    const config = parseConfig([], {});
    expect(config).toMatchObject({ worlds: { maxWorlds: 1000, ttlMs: 24 * 60 * 60 * 1000 } });
  });

  it('come from flags or the environment', () => {
    expect(parseConfig(['--max-worlds', '5', '--world-ttl', '30m'], {})).toMatchObject({ worlds: { maxWorlds: 5, ttlMs: 1_800_000 } });
    expect(parseConfig([], { POCKETM8_MAX_WORLDS: '7', POCKETM8_WORLD_TTL: '2d' })).toMatchObject({
      worlds: { maxWorlds: 7, ttlMs: 172_800_000 },
    });
  });

  it.each([
    [['--max-worlds', '0'], /--max-worlds must be a whole number from 1 to 100000/],
    [['--max-worlds', 'many'], /--max-worlds must be a whole number/],
    [['--world-ttl', 'soon'], /--world-ttl must be a duration like 30m/],
    [['--world-ttl', '10ms'], /at least 1s/],
  ])('%j is refused with a clear message', (argv, message) => {
    expect(() => parseConfig(argv, {})).toThrow(message);
  });

  it('are in --help with their environment variables', () => {
    expect(helpText()).toMatch(/--max-worlds .*POCKETM8_MAX_WORLDS, default 1000/);
    expect(helpText()).toMatch(/--world-ttl .*POCKETM8_WORLD_TTL, default 24h/);
  });
});
