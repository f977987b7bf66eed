import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockApp } from '../../mock/server/app.ts';
import { startServer, type ServerOptions } from '../../mock/server/http-server.ts';

export interface Listening {
  server: Server;
  port: number;
  origin: string;
  /** Closes the server and cuts every connection left. */
  close(): void;
}

/** Listens with a test mock as the bin does (mock/server.ts), on a free port of 127.0.0.1. */
export async function listen(mock: MockApp, options: Partial<Omit<ServerOptions, 'port' | 'host'>> = {}): Promise<Listening> {
  const server = await startServer(mock.app, { ...options, port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
