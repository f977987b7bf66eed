import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../store/data.ts';
import { filterOutbox, normaliseDestination } from './outbox-filter.ts';

describe('normaliseDestination', () => {
  it.each([
    ['+4176545653', '+4176545653'],
    ['+41 765 456 53', '+4176545653'],
    [' 4176545653', '+4176545653'],
    [' 41 765 456 53', '+4176545653'],
    ['Alice@Example.COM', 'alice@example.com'],
    [' bob@example.com ', 'bob@example.com'],
  ])('reads %j as %j', (input, expected) => {
    expect(normaliseDestination(input)).toBe(expected);
  });
});

describe('filterOutbox', () => {
  const entry = (id: string, channel: OutboxEntry['channel'], to: string, purpose: OutboxEntry['purpose']): OutboxEntry => ({
    id,
    channel,
    to,
    purpose,
    body: id,
    sentAt: '2026-11-22T10:00:00Z',
    expiresAt: '2026-11-22T10:10:00Z',
  });
  const outbox = [
    entry('msg_0001', 'sms', '+4176545653', 'sign-in'),
    entry('msg_0002', 'email', 'alice@example.com', 'password-reset'),
    entry('msg_0003', 'sms', '+4176545653', 'phone-change'),
    entry('msg_0004', 'sms', '+41791234567', 'sign-in'),
  ];
  const ids = (entries: OutboxEntry[]) => entries.map((found) => found.id);

  it('lists everything newest first without filters', () => {
    expect(ids(filterOutbox(outbox, {}))).toEqual(['msg_0004', 'msg_0003', 'msg_0002', 'msg_0001']);
  });

  it('combines filters with AND', () => {
    expect(ids(filterOutbox(outbox, { channel: 'sms', to: '+4176545653' }))).toEqual(['msg_0003', 'msg_0001']);
    expect(ids(filterOutbox(outbox, { channel: 'sms', purpose: 'sign-in' }))).toEqual(['msg_0004', 'msg_0001']);
    expect(ids(filterOutbox(outbox, { channel: 'email', purpose: 'sign-in' }))).toEqual([]);
    expect(ids(filterOutbox(outbox, { to: 'ALICE@example.com' }))).toEqual(['msg_0002']);
  });

  it('stops at the limit', () => {
    expect(ids(filterOutbox(outbox, { channel: 'sms' }, 1))).toEqual(['msg_0004']);
  });
});
