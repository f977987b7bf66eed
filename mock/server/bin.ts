#!/usr/bin/env node
import { dirname, join } from 'node:path';
import { basePathOf } from '../core/apis.ts';
import type { Fixtures } from '../engine/fixtures.ts';
import { createLogger } from '../lib/logger.ts';
import type { Data } from '../store/data.ts';
import { ConfigError, helpText, parseConfig, type BinConfig } from './config.ts';
import { listenMock } from './start.ts';

function banner(config: BinConfig, origin: string, fixtures: Fixtures, data: Data): string {
  const users = data.users.filter((user) => fixtures.passwords.has(user.id));
  const lines = users.map((user) => {
    const traits = [
      user.email && user.phone ? 'email + phone' : user.email ? 'email, no phone' : 'phone only',
      user.twoFactorEnabled ? '2FA on' : '',
      user.hasLinkedIdentity ? '' : 'no linked identity (PACE 401)',
    ];
    return `    ${(user.email ?? user.phone ?? user.id).padEnd(22)} ${fixtures.passwords.get(user.id)?.padEnd(14)} ${traits.filter(Boolean).join(', ')}`;
  });
  const first = users[0] && data.sessions.find((session) => session.userId === users[0]?.id);
  const store = config.dbFile ? `${config.dbFile} (uploads in ${join(dirname(config.dbFile), 'media')})` : 'memory (nothing kept on exit)';
  const codes = config.app.codes.kind === 'fixed' ? `fixed ${config.app.codes.code}` : `derived, seed "${config.app.codes.seed}"`;
  return [
    '',
    `  Pocketm8 mock ready on ${origin}`,
    '',
    `    Pocketm8 API    ${origin}${basePathOf('pocketm8')}`,
    `    PACE User API   ${origin}${basePathOf('pace')}`,
    `    QA console      ${origin}/__mock/`,
    `    API reference   ${origin}/docs`,
    `    Outbox (codes)  ${origin}/__mock/outbox`,
    `    Store           ${store}`,
    `    Codes           ${codes}`,
    `    Worlds          ${origin}/worlds/<name>/api (or X-Mock-World: <name>): an isolated state per test; up to ${config.worlds.maxWorlds}`,
    '',
    '  Fixture users (login, password):',
    ...lines,
    '',
    ...(first
      ? [
          `  Ready token (${users[0]?.displayName}): ${first.token}`,
          `    curl -H "Authorization: Bearer ${first.token}" ${origin}${basePathOf('pocketm8')}/profile`,
          '',
        ]
      : []),
  ].join('\n');
}

async function main(): Promise<void> {
  let config: BinConfig;
  try {
    const parsed = parseConfig(process.argv.slice(2), process.env);
    if (parsed === 'help') {
      process.stdout.write(`${helpText()}\n`);
      return;
    }
    config = parsed;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`pocketm8-mock: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const log = createLogger(config.logLevel);
  const running = await listenMock(config, log);
  const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' || config.host === '::' ? 'localhost' : config.host;
  const origin = `http://${shown}:${running.port}`;
  if (config.logLevel !== 'silent') process.stdout.write(`${banner(config, origin, running.fixtures, running.store.data)}\n`);

  // Stop taking connections, let requests in flight finish, flush the store, then exit.
  const stop = (signal: string) => {
    log.info(`${signal}: finishing requests in flight`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`pocketm8-mock: ${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
