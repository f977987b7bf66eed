import type { Data } from '../store/data.ts';

/**
 * The next id for a prefix (`tsk_0012`). Counters live in the store, so the same calls on the
 * same fixtures give the same ids on every run.
 */
export function nextId(data: Data, prefix: string): string {
  const n = (data.idCounters[prefix] ?? 0) + 1;
  data.idCounters[prefix] = n;
  return `${prefix}_${String(n).padStart(4, '0')}`;
}

/** Sets each prefix's counter past the highest numbered id already present (after loading fixtures). */
export function syncIdCounters(data: Data): void {
  const lists: { id: string }[][] = [data.users, data.contacts, data.tasks, data.files, data.avatars, data.verifications, data.challenges, data.outbox];
  for (const list of lists) {
    for (const { id } of list) {
      const match = /^([a-z]+)_(\d+)$/.exec(id);
      if (!match) continue;
      const [, prefix, digits] = match as unknown as [string, string, string];
      data.idCounters[prefix] = Math.max(data.idCounters[prefix] ?? 0, Number(digits));
    }
  }
}
