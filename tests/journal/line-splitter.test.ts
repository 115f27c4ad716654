import { describe, expect, it } from 'vitest';
import { LINE_MAX, LineSplitter, stripPriorityPrefix } from '../../src/journal/line-splitter.js';

function split(chunks: Array<string | Buffer>, max?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((b, s, e) => lines.push(b.toString('latin1', s, e)), max);
  for (const c of chunks) splitter.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('cuts on newlines and keeps lines across chunk boundaries', () => {
    expect(split(['a\nb', 'c\n', 'd\n'])).toEqual(['a', 'bc', 'd']);
  });

  it('keeps empty lines', () => {
    expect(split(['\n\nx\n'])).toEqual(['', '', 'x']);
  });

  it('flushes a partial last line when the stream ends', () => {
    expect(split(['done without newline'])).toEqual(['done without newline']);
  });

  it('splits a line longer than LINE_MAX as journald does', () => {
    const long = 'x'.repeat(LINE_MAX * 2 + 10);
    const lines = split([long + '\n']);
    expect(lines.map((l) => l.length)).toEqual([LINE_MAX, LINE_MAX, 10]);
  });

  it('splits an unterminated long line as it arrives, without waiting for the newline', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((b, s, e) => lines.push(b.toString('latin1', s, e)), 8);
    splitter.push(Buffer.from('0123456789ab'));
    expect(lines).toEqual(['01234567']);
    splitter.push(Buffer.from('\n'));
    expect(lines).toEqual(['01234567', '89ab']);
  });

  it('reads a <N> priority prefix', () => {
    const b = Buffer.from('<3>error!');
    expect(stripPriorityPrefix(b, 0, b.length)).toBe(3);
    const plain = Buffer.from('<x>not');
    expect(stripPriorityPrefix(plain, 0, plain.length)).toBe(-1);
  });
});
