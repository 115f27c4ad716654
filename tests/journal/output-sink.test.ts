import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputSink, remainderAfter } from '../../src/journal/output-sink.js';

describe('OutputSink', () => {
  it('writes text and bytes in order and reports when drained', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tsd-sink-')), 'out');
    const sink = new OutputSink(openSync(file, 'w'));
    sink.write('one\n');
    sink.writeBytes(Buffer.from('two\n'));
    for (let i = 0; i < 2000; i++) sink.write(`${i}\n`); // more buffers than one writev takes
    await sink.drained();
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('one\ntwo\n0\n1\n')).toBe(true);
    expect(text.endsWith('1998\n1999\n')).toBe(true);
  });

  it('continues a short write where it stopped', () => {
    const batch = [Buffer.from('abc'), Buffer.from('de'), Buffer.from('f')];
    expect(remainderAfter(batch, 0).map(String)).toEqual(['abc', 'de', 'f']);
    expect(remainderAfter(batch, 4).map(String)).toEqual(['e', 'f']);
    expect(remainderAfter(batch, 5).map(String)).toEqual(['f']);
    expect(remainderAfter(batch, 6)).toEqual([]);
  });
});
