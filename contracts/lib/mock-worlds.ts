// Worlds of the mock (its control spec, "Worlds"), as a contract run uses them: against a mock every
// test file runs in a world of its own, `<runId>-<file>`, made fresh before the file's tests and
// deleted when the run ends; `--world <name>` puts the whole run in one world instead. Against a
// real backend (no control API) there are no worlds. Plain fetch, no vitest: the global setup
// (teardown) uses it too.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { WORLD_NAME } from '../../mock/engine/world-selector.ts';

export { WORLD_NAME };

/** The header that chooses a world on any request. */
export const WORLD_HEADER = 'X-Mock-World';

/** A new run id: the prefix of the run's world names (`contract-<time>-<random>`). */
export const newRunId = () => `contract-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;

/** The world of one test file of a run: `<runId>-<file name without .test.ts>`, within the name rule. */
export function fileWorldName(runId: string, filepath: string): string {
  const file = basename(filepath)
    .replace(/\.test\.[cm]?[jt]sx?$/, '')
    .replace(/[^A-Za-z0-9_.-]/g, '_');
  const name = `${runId}-${file}`;
  if (WORLD_NAME.test(name)) return name;
  throw new Error(`world name "${name}" (run id ${runId}, file ${filepath}) breaks the rule ${String(WORLD_NAME)}`);
}

interface Control {
  /** The control API, `http://host:port/__mock`. */
  controlUrl: string;
  adminToken: string | null;
}

const headersOf = ({ adminToken }: Control, json = false): Record<string, string> => ({
  ...(adminToken ? { 'X-Mock-Admin-Token': adminToken } : {}),
  ...(json ? { 'Content-Type': 'application/json' } : {}),
});

/** `GET /__mock/worlds`: the names of the mock's worlds, or undefined when it answers otherwise (a mock without worlds). */
export async function listWorlds(control: Control): Promise<string[] | undefined> {
  const res = await fetch(`${control.controlUrl}/worlds`, { headers: headersOf(control) });
  if (res.status !== 200) return undefined;
  return ((await res.json()) as { name: string }[]).map((world) => world.name);
}

/** `PUT /__mock/worlds/{name}` from the fixtures (sent from the default world): the world is fresh. */
export async function putWorld(control: Control, name: string): Promise<void> {
  const res = await fetch(`${control.controlUrl}/worlds/${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: headersOf(control, true),
    body: JSON.stringify({ from: 'fixtures' }),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`PUT /__mock/worlds/${name} answered ${res.status}: ${await res.text()}`);
}

/** Deletes every world whose name starts with `<runId>-`; answers how many went. */
export async function deleteRunWorlds(control: Control, runId: string): Promise<number> {
  const names = (await listWorlds(control)) ?? [];
  const ours = names.filter((name) => name.startsWith(`${runId}-`));
  await Promise.all(
    ours.map(async (name) => {
      const res = await fetch(`${control.controlUrl}/worlds/${encodeURIComponent(name)}`, {
        method: 'DELETE',
        headers: headersOf(control),
      });
      // 404: dropped meanwhile (the mock's limits); anything else is worth a line.
      if (res.status !== 204 && res.status !== 404) console.warn(`contract run: DELETE /__mock/worlds/${name} answered ${res.status}`);
    }),
  );
  return ours.length;
}
