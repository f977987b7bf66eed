import type { Data } from '../store/data.ts';
import { changedKeys } from '../store/marks.ts';

/**
 * The next id for a prefix (`tsk_0012`). Counters live in the store, so the same calls on the
 * same fixtures give the same ids on every run.
 */
export function nextId(data: Data, prefix: string): string {
  const n = (data.idCounters[prefix] ?? 0) + 1;
  data.idCounters[prefix] = n;
  changedKeys(data, 'idCounters', prefix);
  return `${prefix}_${String(n).padStart(4, '0')}`;
}

// `tsk_0012`: a lower-case prefix, an underscore, digits.
const PREFIX = /^[a-z]+$/;
const DIGITS = /^\d+$/;

/** Sets each prefix's counter past the highest numbered id already present (loading fixtures, before any store holds them). */
export function syncIdCounters(data: Data): void {
  const lists: { id: string }[][] = [
    data.users,
    data.contacts,
    data.tasks,
    data.files,
    data.avatars,
    data.verifications,
    data.challenges,
    data.outbox,
  ];
  for (const list of lists) {
    for (const { id } of list) {
      const cut = id.indexOf('_');
      const prefix = id.slice(0, cut);
      const digits = id.slice(cut + 1);
      if (!PREFIX.test(prefix) || !DIGITS.test(digits)) continue;
      const n = Number(digits);
      if (n > (data.idCounters[prefix] ?? 0)) data.idCounters[prefix] = n;
    }
  }
}
