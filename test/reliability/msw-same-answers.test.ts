import fc from 'fast-check';
import { getResponse } from 'msw';
import { Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import { basePathOf } from '../../mock/core/apis.ts';
import { loadSpec } from '../../mock/core/compiled-spec.ts';
import { specFileOf } from '../../mock/core/spec-files.ts';
import { handlersFrom } from '../../mock/msw/handlers.ts';
import { createTestApp } from '../harness.ts';
import { diskSources } from '../msw-sources.ts';
import { requestArbitrary, type FuzzRequest } from './bad-input.ts';
import { send, type Answer } from './http-client.ts';
import { listen } from './listening.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 7);
const RUNS_EACH = Number(process.env.MSW_SAME_RUNS ?? 30);
const BASE_URL = 'http://localhost:4010';

const apis = [
  { name: 'pocketm8', prefix: basePathOf('pocketm8'), spec: loadSpec(specFileOf('pocketm8').path) },
  { name: 'pace', prefix: basePathOf('pace'), spec: loadSpec(specFileOf('pace').path) },
] as const;
const operations = apis.flatMap((api) => api.spec.operations.map((operation) => ({ api, operation })));

/** Headers a fetch client never sends itself (the connection's business): left out on both sides. */
const HOP_BY_HOP = /^(host|content-length|transfer-encoding|connection|upgrade|expect|keep-alive|te|trailer)$/i;

/**
 * The request as fetch (and so MSW) would carry it: the generated request without hop-by-hop
 * headers, with a Fetch Request of it; undefined when fetch would not send it as it is (a path
 * the URL parser rewrites, a header value it refuses, a body on GET, a chunked body).
 */
function fetchable(generated: FuzzRequest): { sent: FuzzRequest; request: Request } | undefined {
  try {
    const url = new URL(`${BASE_URL}${generated.path}`);
    if (`${url.pathname}${url.search}` !== generated.path || generated.chunked) return undefined;
    // A repeated header travels as one line, its values joined, as fetch sends it.
    const kept = Object.entries(generated.headers).filter(([name]) => !HOP_BY_HOP.test(name));
    const sent = {
      ...generated,
      headers: Object.fromEntries(kept.map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value])),
    };
    const headers = new Headers(Object.entries(sent.headers));
    return { sent, request: new Request(url, { method: sent.method, headers, body: sent.body && new Uint8Array(sent.body) }) };
  } catch {
    return undefined;
  }
}

/** An answer with what differs between any two runs (times, random tokens and ids) blanked out. */
function comparable(status: number, contentType: string | null | undefined, text: string, origin: string) {
  const blanked = text
    .replaceAll(origin, BASE_URL)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/"id":"[0-9a-v]{20}"/g, '"id":"<xid>"')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/pm8_[0-9a-f]{32}/g, '<token>')
    // Seconds left of a cooldown: the two mocks' clocks are a few milliseconds apart.
    .replace(/"retryAfter":\d+/g, '"retryAfter":<seconds>');
  return { status, contentType: contentType ?? undefined, body: blanked };
}

describe('bad input: the MSW door answers exactly what the server answers', () => {
  it.each(operations.map(({ api, operation }) => [`${api.name} ${operation.operationId}`, api, operation] as const))(
    '%s',
    async (_name, api, operation) => {
      const { origin, close } = await listen(await createTestApp({ responseValidation: 'warn' }));
      const handlers = handlersFrom(diskSources(), { baseUrl: BASE_URL });
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      let compared = 0;
      try {
        await fc.assert(
          fc.asyncProperty(requestArbitrary(api.spec.document, operation, api.prefix), async (generated) => {
            const both = fetchable(generated);
            if (!both) return;
            const { sent, request } = both;
            const server: Answer = await send(origin, agent, sent);
            const response = await getResponse(handlers, request);
            expect(response, `MSW handled ${sent.method} ${sent.path}`).toBeDefined();
            compared += 1;
            expect(
              comparable(response!.status, response!.headers.get('content-type'), await response!.text(), BASE_URL),
              `${sent.kind} ${sent.method} ${sent.path.slice(0, 120)}`,
            ).toEqual(comparable(server.status, server.headers['content-type'] as string | undefined, server.text, origin));
          }),
          { seed: SEED, numRuns: RUNS_EACH, endOnFailure: true },
        );
      } finally {
        agent.destroy();
        close();
      }
      expect(compared).toBeGreaterThan(0);
    },
    120_000,
  );
});
