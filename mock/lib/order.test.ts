import { describe, expect, it } from 'vitest';
import { compareIds, compareNullsLast, compareText } from './order.ts';

describe('compareText', () => {
  it('ignores case and accents and orders numbers by value', () => {
    expect(['beta', 'Alpha', 'file10', 'file2', 'Émile'].sort(compareText)).toEqual(['Alpha', 'beta', 'Émile', 'file2', 'file10']);
    expect(compareText('ALICE', 'alice')).toBe(0);
  });
});

describe('compareIds', () => {
  it('orders ids by their number', () => {
    expect(['tsk_10000', 'tsk_9999', 'tsk_0002'].sort(compareIds)).toEqual(['tsk_0002', 'tsk_9999', 'tsk_10000']);
  });
});

describe('compareNullsLast', () => {
  const dates = ['2026-12-01', null, '2026-11-28', null, '2026-12-05'];

  it('puts null last ascending', () => {
    expect([...dates].sort((a, b) => compareNullsLast(a, b, 1))).toEqual(['2026-11-28', '2026-12-01', '2026-12-05', null, null]);
  });

  it('puts null last descending too', () => {
    expect([...dates].sort((a, b) => compareNullsLast(a, b, -1))).toEqual(['2026-12-05', '2026-12-01', '2026-11-28', null, null]);
  });
});
