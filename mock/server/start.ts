import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import { loadFixtures, type Fixtures } from '../engine/fixtures.ts';
import type { Mock } from '../engine/mock.ts';
import type { Logger } from '../lib/logger.ts';
import { createFileBlobStore, createMemoryBlobStore } from '../store/blobs.ts';
import { createMemoryStore, openFileStore, type Store } from '../store/store.ts';
import { fileWorldStorage } from '../store/file-world-storage.ts';
import { memoryWorldStorage } from '../store/world-storage.ts';
import { createApp } from './app.ts';
import { ConfigError, type BinConfig } from './config.ts';
import { closeServer, startServer } from './http-server.ts';

/** The fixtures the package ships (`fixtures/default`), wherever it is installed. */
export const PACKAGE_FIXTURES = join(PACKAGE_ROOT, 'fixtures/default');

export interface RunningServer {
  server: Server;
  mock: Mock;
  store: Store;
  fixtures: Fixtures;
  /** `http://127.0.0.1:40123` */
  url: string;
  port: number;
  /** Stops taking connections, lets requests in flight finish, then flushes every world's store. */
  close(): Promise<void>;
}

/**
 * Opens the stores the config names (a file store with its worlds beside it, or memory), builds the
 * mock over them and listens. Shared by the bin and `startMock`; resolves once the mock serves.
 */
export async function listenMock(config: BinConfig, log: Logger): Promise<RunningServer> {
  const fixturesDir = config.fixturesDir === '' ? PACKAGE_FIXTURES : resolve(config.fixturesDir);
  const fixtures = await loadFixtures(fixturesDir).catch((error: Error) => {
    throw new ConfigError(`cannot read fixtures from ${fixturesDir}: ${error.message}`);
  });
  const dbFile = config.dbFile === null ? null : resolve(config.dbFile);
  const blobs = dbFile ? createFileBlobStore(join(dirname(dbFile), 'media'), fixtures.media) : createMemoryBlobStore(fixtures.media);
  const store = dbFile
    ? await openFileStore(dbFile, fixtures.data).catch((error: Error) => {
        throw new ConfigError(`cannot open ${config.dbFile}: ${error.message} (delete it to start from the fixtures again)`);
      })
    : createMemoryStore(fixtures.data());
  const worldStorage = dbFile ? fileWorldStorage(dbFile, fixtures.media) : memoryWorldStorage(() => createMemoryBlobStore(fixtures.media));
  const { app, mock } = createApp({ config: config.app, store, blobs, fixtures, logger: log, worldStorage, worldLimits: config.worlds });
  // A client that stalls cannot hold a connection for long: headers within 10 s, the whole
  // request (a 25 MB upload included) within 2 minutes (http-server.ts).
  const server = await startServer(app, { port: config.port, host: config.host }).catch(async (error: Error & { code?: string }) => {
    // Nothing stays behind a start that failed: no timers of the worlds, no half-open store.
    await mock.close();
    if (error.code === 'EADDRINUSE')
      throw new ConfigError(`port ${config.port} on ${config.host} is in use (EADDRINUSE): pick another, or 0 for a free one`);
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host =
    config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    server,
    mock,
    store,
    fixtures,
    url: `http://${host}:${port}`,
    port,
    close: () => closeServer(server).then(() => mock.close()),
  };
}
