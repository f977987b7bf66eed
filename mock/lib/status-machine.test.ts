import { describe, expect, it } from 'vitest';
import { canMove, nextStatuses, TASK_STATUSES } from './status-machine.ts';

const allowed = new Set([
  'open>in_progress',
  'in_progress>open',
  'in_progress>done',
  'open>done',
  'done>open',
  'open>archived',
  'in_progress>archived',
  'done>archived',
  'archived>open',
]);

describe('task status machine', () => {
  const pairs = TASK_STATUSES.flatMap((from) => TASK_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s -> %s', (from, to) => {
    expect(canMove(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it('lists the next statuses of archived', () => {
    expect(nextStatuses('archived')).toEqual(['open']);
  });
});
