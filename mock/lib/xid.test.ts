import { describe, expect, it } from 'vitest';
import { XID_PATTERN, createXidSource, decodeXid, encodeXid, newRequestId } from './xid.ts';

// The test vector of rs/xid: timestamp 1300816219, machine 60f486, pid e428, counter 4271561.
const VECTOR = Uint8Array.from([0x4d, 0x88, 0xe1, 0x5b, 0x60, 0xf4, 0x86, 0xe4, 0x28, 0x41, 0x2d, 0xc9]);

describe('xid', () => {
  it("encodes rs/xid's test vector and decodes it back", () => {
    expect(encodeXid(VECTOR)).toBe('9m4e2mr0ui3e8a215n4g');
    expect(decodeXid('9m4e2mr0ui3e8a215n4g')).toEqual(VECTOR);
  });

  it("reads PACE's example id as an xid made in 2022", () => {
    const bytes = decodeXid('cbgmhslmp1o9or9kh1p0');
    expect(encodeXid(bytes)).toBe('cbgmhslmp1o9or9kh1p0');
    const seconds = new DataView(bytes.buffer).getUint32(0);
    expect(new Date(seconds * 1000).getUTCFullYear()).toBe(2022);
  });

  it('refuses what is not an xid', () => {
    expect(() => encodeXid(new Uint8Array(11))).toThrow(RangeError);
    for (const id of ['62d5953f-c073-43bb-b653-c1a8314dd657', 'CBGMHSLMP1O9OR9KH1P0', 'cbgmhslmp1o9or9kh1p1', 'cbgmhslmp1o9or9kh1p'])
      expect(() => decodeXid(id)).toThrow(RangeError);
  });

  it('makes ids from the time, a fixed machine and process part, and a counter', () => {
    const next = createXidSource({ now: () => 1_300_816_219_999, random: (bytes) => bytes.fill(0xab) });
    const [first, second] = [decodeXid(next()), decodeXid(next())];
    expect(new DataView(first.buffer).getUint32(0)).toBe(1_300_816_219);
    expect([...first.subarray(4, 9)]).toEqual([0xab, 0xab, 0xab, 0xab, 0xab]);
    expect([...first.subarray(9)]).toEqual([0xab, 0xab, 0xac]);
    expect([...second.subarray(9)]).toEqual([0xab, 0xab, 0xad]);
  });

  it('wraps the counter after 2^24 ids', () => {
    const next = createXidSource({ now: () => 0, random: (bytes) => bytes.fill(0xff) });
    expect([...decodeXid(next()).subarray(9)]).toEqual([0, 0, 0]);
  });

  it('orders ids by time and never repeats one', () => {
    let now = 1_700_000_000_000;
    const next = createXidSource({ now: () => now, random: (bytes) => bytes.fill(0) });
    const ids: string[] = [];
    for (let index = 0; index < 1000; index += 1) {
      now += 7;
      ids.push(next());
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => XID_PATTERN.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(newRequestId()).toMatch(XID_PATTERN);
    expect(newRequestId()).not.toBe(newRequestId());
  });
});
