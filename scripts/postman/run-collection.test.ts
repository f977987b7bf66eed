// The collection is a recipe: run top to bottom with newman against a fresh mock, every request
// answers its documented success status.
import { fileURLToPath } from 'node:url';
import { run, type RunSummary } from 'newman';
import { expect, it } from 'vitest';
import { listen } from '../../test/reliability/listening.ts';
import { createTestApp } from '../../test/harness.ts';
import { buildPostman } from './build-collection.ts';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const RUN_LIMIT_MS = 60_000;

interface Item {
  id: string;
  name: string;
  item?: Item[];
  response?: { code: number }[];
}

/** Every request of the collection by id: its path of folder names and its documented 2xx statuses. */
function requestsById(items: Item[], folders: string[] = []): Map<string, { name: string; successes: number[] }> {
  return new Map(
    items.flatMap((item) =>
      item.item
        ? [...requestsById(item.item, [...folders, item.name])]
        : [
            [
              item.id,
              {
                name: [...folders, item.name].join(' / '),
                successes: [...new Set((item.response ?? []).map((saved) => saved.code).filter((code) => code >= 200 && code < 300))],
              },
            ] as const,
          ],
    ),
  );
}

it(
  'runs top to bottom with newman against a fresh mock, every request answering its documented 2xx',
  async () => {
    const { collection, environment } = await buildPostman();
    const requests = requestsById(collection.item as Item[]);
    // Strict response validation: an answer that breaks the spec comes back as a 500.
    const listening = await listen(await createTestApp());
    const answered = new Map<string, number | string>();
    let summary: RunSummary;
    try {
      const values = (environment.values as { key: string; value: string }[]).map((variable) =>
        variable.key === 'baseUrl' ? { ...variable, value: listening.origin } : variable,
      );
      summary = await new Promise<RunSummary>((resolve, reject) => {
        run(
          {
            collection,
            environment: { ...environment, values },
            workingDir: PROJECT,
            timeout: RUN_LIMIT_MS,
            timeoutRequest: 5_000,
            timeoutScript: 5_000,
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        ).on('request', (error, { item, response }) => {
          // Requests made by scripts (pm.sendRequest) come with an item of their own.
          if (requests.has(item.id)) answered.set(item.id, error ? error.message : response!.code);
        });
      });
    } finally {
      listening.close();
    }

    const wrong = [...requests]
      .filter(([id, { successes }]) => answered.has(id) && !successes.includes(answered.get(id) as number))
      .map(([id, { name, successes }]) => `${name}: ${answered.get(id)} (documented: ${successes.join(', ')})`);
    expect(wrong, `requests that did not answer their documented 2xx:\n${wrong.join('\n')}`).toEqual([]);
    const unsent = [...requests].filter(([id]) => !answered.has(id)).map(([, { name }]) => name);
    expect(unsent).toEqual(['Pocketm8 mock control API / Console / Live event stream (server-sent events)']);
    const failures = summary.run.failures.map(
      ({ source, error }) => `${source?.name ?? '?'}: ${error.test ?? error.name}: ${error.message}`,
    );
    expect(failures, `failed tests and scripts:\n${failures.join('\n')}`).toEqual([]);
    expect(answered.size).toBe(requests.size - 1);
    expect(summary.run.timings.completed - summary.run.timings.started).toBeLessThan(RUN_LIMIT_MS);
  },
  RUN_LIMIT_MS + 30_000,
);
