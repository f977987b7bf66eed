import { EventEmitter } from 'node:events';
import type { OutboxEntry } from '../store/data.ts';

/** What the QA console listens to (server-sent events). */
export interface MockEvents {
  outbox: [OutboxEntry];
  clock: [{ now: string; offsetMs: number }];
  reset: [];
  request: [JournalEntry];
}

export interface JournalEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  time: string;
  api: 'pocketm8' | 'pace' | 'control' | 'other';
}

export type EventBus = EventEmitter<MockEvents>;

export function createEventBus(): EventBus {
  const bus = new EventEmitter<MockEvents>();
  bus.setMaxListeners(100);
  return bus;
}
