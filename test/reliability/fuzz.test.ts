import fc from 'fast-check';
import { Agent } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { checkResponse, loadSpec, type OperationSpec } from '../../mock/core/compiled-spec.ts';
import { basePathOf } from '../../mock/core/apis.ts';
import { specFileOf } from '../../mock/core/spec-files.ts';
import { createTestApp } from '../harness.ts';
import { requestArbitrary } from './bad-input.ts';
import { send, type Answer } from './http-client.ts';
import { listen } from './listening.ts';
import { recordFigures } from './figures.ts';

/** Fixed, so that every run sends the same requests; FUZZ_SEED and FUZZ_RUNS explore further. */
const SEED = Number(process.env.FUZZ_SEED ?? 42);
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 5200);

const apis = [
  { name: 'pocketm8', prefix: basePathOf('pocketm8'), spec: loadSpec(specFileOf('pocketm8').path) },
  { name: 'pace', prefix: basePathOf('pace'), spec: loadSpec(specFileOf('pace').path) },
] as const;
const only = process.env.FUZZ_ONLY?.split(',');
const operations = apis
  .flatMap((api) => api.spec.operations.map((operation) => ({ api, operation })))
  .filter(({ operation }) => !only || only.includes(operation.operationId));
const runsEach = Math.ceil(TOTAL_RUNS / operations.length);

const tally = { requests: 0, byStatus: {} as Record<string, number>, byKind: {} as Record<string, number> };

/** What is wrong with an answer: a 5xx, or anything the spec does not document for the operation. */
function judge(operation: OperationSpec, answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  const contentType = answer.headers['content-type'] as string | undefined;
  let body: unknown;
  if (answer.text.length > 0 && /json/.test(contentType ?? '')) {
    try {
      body = JSON.parse(answer.text);
    } catch {
      problems.push('the body is not JSON');
    }
  }
  problems.push(
    ...checkResponse(operation, {
      status: answer.status,
      contentType,
      headerNames: Object.keys(answer.headers),
      headers: answer.headers as Record<string, string | undefined>,
      hasBody: answer.text.length > 0,
      body,
    }),
  );
  return problems;
}

describe('bad input, generated from the specs', () => {
  afterAll(() => {
    const fiveHundreds = Object.entries(tally.byStatus)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, count]) => sum + count, 0);
    recordFigures('fuzz', {
      seed: SEED,
      requests: tally.requests,
      operations: operations.length,
      fiveHundreds,
      byStatus: tally.byStatus,
      byKind: tally.byKind,
    });
  });

  it.each(operations.map(({ api, operation }) => [`${api.name} ${operation.operationId}`, api, operation] as const))(
    '%s answers every request with a documented status and body, never a 5xx, and stays up',
    async (_name, api, operation) => {
      const mock = await createTestApp();
      const { origin, close } = await listen(mock);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const failures = new Map<string, string>();
      let previous = '';
      try {
        await fc.assert(
          fc.asyncProperty(requestArbitrary(api.spec.document, operation, api.prefix), async (request) => {
            tally.requests += 1;
            for (const tag of request.kind.split('+')) {
              const family = tag.startsWith('encoding-') ? 'content-encoding' : tag;
              tally.byKind[family] = (tally.byKind[family] ?? 0) + 1;
            }
            let answer: Answer;
            try {
              answer = await send(origin, agent, request);
            } catch (error) {
              failures.set(
                `no answer: ${(error as Error).message}`,
                `${request.kind} ${request.method} ${request.path.slice(0, 200)} after ${previous}`,
              );
              return;
            } finally {
              previous = `${request.kind} ${JSON.stringify(request.headers).slice(0, 300)}`;
            }
            tally.byStatus[answer.status] = (tally.byStatus[answer.status] ?? 0) + 1;
            const problems = judge(operation, answer);
            if (problems.length > 0)
              failures.set(
                `${answer.status}: ${problems.join('; ')}`,
                `${request.kind} ${request.method} ${request.path.slice(0, 200)} ${answer.text.slice(0, 300)}`,
              );
          }),
          { seed: SEED, numRuns: runsEach },
        );
        const health = await send(origin, agent, { method: 'GET', path: '/__mock/health', headers: {} });
        expect(health.status).toBe(200);
        expect(Object.fromEntries(failures)).toEqual({});
        expect(mock.context.violations).toEqual([]);
      } finally {
        agent.destroy();
        close();
      }
    },
    120_000,
  );
});
