import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter.ts';

type Events = { ping: [number]; done: [] };

describe('Emitter', () => {
  it('calls listeners in order with the arguments, and counts them', () => {
    const emitter = new Emitter<Events>();
    const seen: string[] = [];
    emitter.on('ping', (n) => seen.push(`a${n}`)).on('ping', (n) => seen.push(`b${n}`));
    expect(emitter.emit('ping', 1)).toBe(true);
    expect(emitter.emit('done')).toBe(false);
    expect(seen).toEqual(['a1', 'b1']);
    expect(emitter.listenerCount('ping')).toBe(2);
  });

  it('off removes one registration; a listener removed while an event runs still gets that event', () => {
    const emitter = new Emitter<Events>();
    const seen: number[] = [];
    const second = (n: number) => seen.push(n * 10);
    const first = (n: number) => {
      seen.push(n);
      emitter.off('ping', second);
    };
    emitter.on('ping', first).on('ping', second);
    emitter.emit('ping', 1);
    emitter.emit('ping', 2);
    expect(seen).toEqual([1, 10, 2]);
    emitter.off('ping', first).off('ping', first);
    expect(emitter.listenerCount('ping')).toBe(0);
  });
});
