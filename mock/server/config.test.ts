import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('has defaults that serve the fixtures on port 4010 with derived codes', () => {
    expect(parseConfig([], {})).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      dbFile: '.data/db.json',
      fixturesDir: 'fixtures/default',
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
