import { describe, expect, it } from 'vitest';
import { JournalStore } from '../../src/journal/store.js';
import type { JournalRecord } from '../../src/journal/record.js';

const meta = (unit: string) => ({ time: 5, unit, pid: 42, stream: 'stdout' as const, priority: 6 });
const manager = (message: string): JournalRecord => ({ time: 1, unit: 'a.service', identifier: 'tsd', pid: 1, stream: 'manager', priority: 6, message });

describe('JournalStore', () => {
  it('gives back records and blocks in arrival order, per unit, with their own priorities', () => {
    const store = new JournalStore(100);
    store.add(manager('Starting a.service...'));
    store.addBlock(meta('a.service'), Buffer.from('P: one\nP: two\n'), 3, 2, [1, 3]);
    store.addBlock(meta('b.service'), Buffer.from('P: other\n'), 3, 1);
    expect(store.query('a.service').map((r) => [r.message, r.priority])).toEqual([['Starting a.service...', 6], ['one', 6], ['two', 3]]);
    expect(store.query().map((r) => r.message)).toEqual(['Starting a.service...', 'one', 'two', 'other']);
    expect(store.query('b.service')[0]).toMatchObject({ unit: 'b.service', pid: 42, stream: 'stdout', time: 5 });
  });

  it('forgets what the ring arena overwrites, and everything older with it', () => {
    const store = new JournalStore(100);
    store.add(manager('r1'));
    store.addBlock(meta('a.service'), Buffer.from('P: b1\n'), 3, 1, undefined, 0);
    store.add(manager('r2'));
    store.addBlock(meta('a.service'), Buffer.from('P: b2\n'), 3, 1, undefined, 100);
    store.addBlock(meta('a.service'), Buffer.from('P: own\n'), 3, 1); // copied out: no position
    store.forgetBefore(50);
    expect(store.query().map((r) => r.message)).toEqual(['r2', 'b2', 'own']);
    store.forgetBefore(50);
    expect(store.size).toBe(3);
    store.forgetBefore(150);
    expect(store.query().map((r) => r.message)).toEqual(['own']);
    expect(store.size).toBe(1);
  });

  it('keeps only the newest `capacity` records, dropping lines from the front of a block', () => {
    const store = new JournalStore(3);
    store.addBlock(meta('a.service'), Buffer.from('1\n2\n'), 0, 2);
    store.addBlock(meta('a.service'), Buffer.from('3\n4\n'), 0, 2);
    expect(store.size).toBe(3);
    expect(store.query().map((r) => r.message)).toEqual(['2', '3', '4']);
    for (let i = 5; i < 5000; i++) store.add({ ...manager(String(i)) });
    expect(store.query().map((r) => r.message)).toEqual(['4997', '4998', '4999']);
  });
});
