import { describe, expect, it } from 'vitest';
import { type BlockSource, JournalStore } from '../../src/journal/store.js';
import type { JournalRecord } from '../../src/journal/record.js';

const meta = (unit: string) => ({ unit, pid: 42, stream: 'stdout' as const, priority: 6 });
/** Text lines as the pump frames them: the time, then a head of the given length. */
const T = '1970-01-01T00:00:00.005Z';
const lines = (...messages: string[]) => messages.map((m) => `${T}P: ${m}\n`).join('');
const HEAD = T.length + 3;
const manager = (message: string): JournalRecord => ({ time: 1, unit: 'a.service', identifier: 'tsd', pid: 1, stream: 'manager', priority: 6, message });

/** A ring stand-in: blocks are appended; positions below `overwritten` read as gone. */
class FakeRing implements BlockSource {
  bytes = Buffer.alloc(0);
  overwritten = 0;
  put(text: string): { position: number; length: number } {
    const position = this.bytes.length;
    this.bytes = Buffer.concat([this.bytes, Buffer.from(text)]);
    return { position, length: Buffer.byteLength(text) };
  }
  read(position: number, length: number): Buffer | undefined {
    return position >= this.overwritten ? Buffer.from(this.bytes.subarray(position, position + length)) : undefined;
  }
}

describe('JournalStore', () => {
  it('gives back records and blocks in arrival order, per unit, with their own priorities', () => {
    const ring = new FakeRing();
    const store = new JournalStore(100, ring);
    store.add(manager('Starting a.service...'));
    store.addBlock(meta('a.service'), { ...ring.put(lines('one', 'two')), headLength: HEAD, lines: 2, priorities: [1, 3] });
    store.addBlock(meta('b.service'), { ...ring.put(lines('other')), headLength: HEAD, lines: 1 });
    expect(store.query('a.service').map((r) => [r.message, r.priority])).toEqual([['Starting a.service...', 6], ['one', 6], ['two', 3]]);
    expect(store.query().map((r) => r.message)).toEqual(['Starting a.service...', 'one', 'two', 'other']);
    expect(store.query('b.service')[0]).toMatchObject({ unit: 'b.service', pid: 42, stream: 'stdout', time: 5 });
  });

  it('reads JSON lines back as the records they are', () => {
    const ring = new FakeRing();
    const store = new JournalStore(100, ring, 'json');
    store.addBlock(meta('a.service'), { ...ring.put('{"level":30,"time":"1970-01-01T00:00:00.007Z","msg":"one \\"q\\""}\n{"level":50,"time":"1970-01-01T00:00:00.008Z","msg":"two"}\n'), headLength: 0, lines: 2, priorities: [1, 3] });
    expect(store.query().map((r) => [r.message, r.priority, r.time])).toEqual([['one "q"', 6, 7], ['two', 3, 8]]);
  });

  it('forgets what the ring overwrites, and everything older with it', () => {
    const ring = new FakeRing();
    const store = new JournalStore(100, ring);
    store.add(manager('r1'));
    store.addBlock(meta('a.service'), { ...ring.put(lines('b1')), headLength: HEAD, lines: 1 });
    ring.put('x'.repeat(100 - lines('b1').length));
    store.add(manager('r2'));
    store.addBlock(meta('a.service'), { ...ring.put(lines('b2')), headLength: HEAD, lines: 1 });
    store.forgetBefore(50);
    expect(store.query().map((r) => r.message)).toEqual(['r2', 'b2']);
    store.forgetBefore(50);
    expect(store.size).toBe(2);
    store.forgetBefore(150);
    expect(store.query().map((r) => r.message)).toEqual([]);
    expect(store.size).toBe(0);
  });

  it('skips a block the ring overwrote before the store was told', () => {
    const ring = new FakeRing();
    const store = new JournalStore(100, ring);
    store.addBlock(meta('a.service'), { ...ring.put(lines('gone')), headLength: HEAD, lines: 1 });
    store.addBlock(meta('a.service'), { ...ring.put(lines('kept')), headLength: HEAD, lines: 1 });
    ring.overwritten = 1;
    expect(store.query().map((r) => r.message)).toEqual(['kept']);
  });

  it('keeps only the newest `capacity` records, dropping lines from the front of a block', () => {
    const ring = new FakeRing();
    const store = new JournalStore(3, ring);
    store.addBlock(meta('a.service'), { ...ring.put(lines('1', '2')), headLength: HEAD, lines: 2 });
    store.addBlock(meta('a.service'), { ...ring.put(lines('3', '4')), headLength: HEAD, lines: 2 });
    expect(store.size).toBe(3);
    expect(store.query().map((r) => r.message)).toEqual(['2', '3', '4']);
    for (let i = 5; i < 5000; i++) store.add({ ...manager(String(i)) });
    expect(store.query().map((r) => r.message)).toEqual(['4997', '4998', '4999']);
  });
});
