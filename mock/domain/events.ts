import { Emitter } from '../lib/emitter.ts';
import type { OutboxEntry } from '../store/data.ts';

/** What the QA console listens to (server-sent events). */
export interface MockEvents {
  outbox: [OutboxEntry];
  clock: [{ now: string; offsetMs: number }];
  /** A reset to the fixtures (no detail) or a snapshot restored. */
  reset: [detail?: ResetEvent];
  request: [JournalEntry];
  /** The world is gone (deleted or dropped): its event streams end, so that clients reconnect to its next incarnation. */
  closed: [];
}

/** What `GET /__mock/events` sends with a `reset` event. */
export type ResetEvent = { message: 'RESET' } | { message: 'RESTORED'; name: string };

export interface JournalEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  time: string;
  api: 'pocketm8' | 'pace' | 'control' | 'other';
}

export type EventBus = Emitter<MockEvents>;

export function createEventBus(): EventBus {
  return new Emitter<MockEvents>();
}
