#!/usr/bin/env node
// npm run proxy:prism -- --upstream <server root>: Prism's validating proxy in front of any
// backend, one per API, so a frontend (or a test run) talks to Prism and Prism checks every
// request and response against the spec on the way.
import { parseArgs } from 'node:util';
import { PRISM_APIS, PRISM_PORTS, startPrismProxy, type PrismApi, type RunningPrism } from './lib/prism-process.ts';

const HELP = `Usage: npm run proxy:prism -- --upstream <url> [options]

  --upstream <url>       the backend's server root: Pocketm8 at <url>/api, PACE at <url>/user/2021-2
  --pocketm8-port <n>    default ${PRISM_PORTS.proxy.pocketm8}: the app's Pocketm8 base URL becomes http://localhost:<n>/api
  --pace-port <n>        default ${PRISM_PORTS.proxy.pace}: the PACE base URL becomes http://localhost:<n>/user/2021-2
  --host <host>          default 127.0.0.1
  --apis <list>          pocketm8,pace (default both)
  --lenient              leave out --errors: forward everything and only log violations
  --help

With --errors (the default) Prism answers an invalid request itself (401 without a valid token,
422 for a body or parameter the spec refuses) and turns a response that breaks the spec into a
500 problem+json; every violation is also logged as "Violation: request|response ...".`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      upstream: { type: 'string' },
      'pocketm8-port': { type: 'string' },
      'pace-port': { type: 'string' },
      host: { type: 'string' },
      apis: { type: 'string' },
      lenient: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (!values.upstream) throw new Error('--upstream <url> is required (e.g. http://localhost:4010)');
  const apis = (values.apis ?? 'pocketm8,pace').split(',').map((api) => api.trim());
  const unknown = apis.filter((api) => !(api in PRISM_APIS));
  if (unknown.length > 0) throw new Error(`unknown API(s) ${unknown.join(', ')}: use pocketm8, pace`);
  const ports: Record<PrismApi, string | undefined> = { pocketm8: values['pocketm8-port'], pace: values['pace-port'] };

  const running: RunningPrism[] = [];
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    void Promise.all(running.map((prism) => prism.stop())).then(() => process.exit(code));
  };
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
  for (const api of apis as PrismApi[]) {
    const port = Number(ports[api] ?? PRISM_PORTS.proxy[api]);
    if (!Number.isInteger(port) || port <= 0) throw new Error(`--${api}-port takes a port number`);
    const options = { api, upstream: values.upstream, port, errors: !values.lenient, ...(values.host ? { host: values.host } : {}) };
    const prism = await startPrismProxy(options, (line) => console.log(`[${api}] ${line}`));
    prism.child.once('exit', (code) => {
      if (stopping) return;
      console.error(`[${api}] prism exited with ${code}`);
      stopAll(1);
    });
    running.push(prism);
    console.log(`${api}: ${prism.url} -> ${values.upstream.replace(/\/+$/, '')}${PRISM_APIS[api].basePath}`);
  }
}

main().catch((error: unknown) => {
  console.error(`proxy:prism: ${(error as Error).message}`);
  process.exit(2);
});
