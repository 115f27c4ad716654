// The ring arena the journal frames into: regions, turns, what the store is told to forget,
// and the refusal that protects bytes the sink has yet to write. Then a flood through the real
// framer, arena and store: the store answers with the newest lines, intact, and no older ones.
import { describe, expect, it } from 'vitest';
import { loadNativeCore } from '../../src/native/core.js';
import { PipeFramer } from '../../src/journal/pipe-framer.js';
import { RingArena } from '../../src/journal/ring-arena.js';
import { JournalStore } from '../../src/journal/store.js';

describe('RingArena', () => {
  it('hands out regions one after the other and turns round when one does not fit', () => {
    const forgotten: number[] = [];
    const arena = new RingArena(1000, () => 0, (p) => forgotten.push(p));
    const a = arena.reserve(250)!;
    expect(a.position).toBe(0);
    expect(a.bytes.length).toBe(250);
    arena.commit(150);
    const b = arena.reserve(250)!;
    expect(b.position).toBe(150);
    arena.commit(250);
    arena.reserve(250);
    arena.commit(250); // head at 650
    arena.reserve(250);
    arena.commit(250); // head at 900
    const c = arena.reserve(250)!; // 900 + 250 > 1000: the tail is skipped
    expect(c.position).toBe(1000);
    expect(c.bytes.byteOffset).toBe(b.bytes.byteOffset - 150);
    // Writing [1000, 1250) overwrites what lay at [0, 250).
    expect(forgotten.at(-1)).toBe(250);
  });

  it('refuses a region while the sink holds bytes the region could overwrite, or when the room is too large', () => {
    let held = 0;
    const arena = new RingArena(1000, () => held, () => {});
    expect(arena.reserve(300)).toBeUndefined(); // more than a quarter of the ring
    held = 700;
    expect(arena.reserve(200)).toBeUndefined();
    held = 500;
    expect(arena.reserve(200)).toBeDefined();
  });
});

describe('journal store over the ring arena', () => {
  it('keeps the newest lines intact through a flood many times the ring, and forgets the rest', () => {
    const core = loadNativeCore();
    const store = new JournalStore(1_000_000);
    const arena = new RingArena(64 * 1024, () => 0, (p) => store.forgetBefore(p));
    const framer = new PipeFramer(core.frameLines.bind(core), false, 48 * 1024, arena);
    const prefix = Buffer.from('P: ');
    const meta = { time: 1, unit: 'flood.service', pid: 7, stream: 'stdout' as const, priority: 6 };
    let sent = 0;
    let copied = 0;
    for (let chunk = 0; chunk < 400; chunk++) {
      let text = '';
      for (let i = 0; i < 37; i++) text += `line ${sent++} ${'x'.repeat(sent % 50)}\n`;
      framer.push(Buffer.from(text), prefix, (bytes, lines, priorities, position) => {
        if (position === undefined) copied++;
        store.addBlock({ ...meta }, bytes, prefix.length, lines, priorities, position);
      });
    }
    expect(copied).toBe(0);
    const kept = store.query().map((r) => r.message);
    expect(store.size).toBe(kept.length);
    // Far fewer than were sent (the ring holds 64 KiB), and exactly the newest ones, in order.
    expect(kept.length).toBeGreaterThan(500);
    expect(kept.length).toBeLessThan(sent / 4);
    const first = sent - kept.length;
    kept.forEach((message, k) => expect(message).toBe(`line ${first + k} ${'x'.repeat((first + k + 1) % 50)}`));
  });
});
