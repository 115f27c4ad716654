// Line framing as the stream shows it: cut on '\n' and at LINE_MAX, escape, prefix
// (native/frame-lines.cc through PipeFramer), checked on fixed cases and against a plain
// reference model on random input in random chunkings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNativeCore } from '../../src/native/core.js';
import { LINE_MAX, PipeFramer } from '../../src/journal/pipe-framer.js';

const core = loadNativeCore();
const frame = core.frameLines.bind(core);

interface Framed { text: string; lines: number; priorities: number[] }

function run(chunks: Array<string | Buffer | number[]>, opts: { prefix?: string; max?: number; levelPrefix?: boolean } = {}): Framed {
  const framer = new PipeFramer(frame, opts.levelPrefix ?? false, opts.max ?? LINE_MAX);
  const prefix = Buffer.from(opts.prefix ?? '');
  const out: Framed = { text: '', lines: 0, priorities: [] };
  const onBlock = (bytes: Buffer, lines: number, priorities?: number[]) => {
    for (let k = 0; priorities && k < priorities.length; k += 2) out.priorities.push(out.lines + priorities[k]!, priorities[k + 1]!);
    out.text += bytes.toString('utf8');
    out.lines += lines;
  };
  for (const c of chunks) framer.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : Buffer.from(c), prefix, onBlock);
  framer.end(prefix, onBlock);
  return out;
}

const lines = (chunks: Array<string | Buffer | number[]>, max?: number) => run(chunks, max === undefined ? {} : { max }).text.split('\n').slice(0, -1);

describe('line framing', () => {
  it('cuts on newlines and keeps lines across chunk boundaries', () => {
    expect(lines(['a\nb', 'c\n', 'd\n'])).toEqual(['a', 'bc', 'd']);
  });

  it('keeps empty lines', () => {
    expect(lines(['\n\nx\n'])).toEqual(['', '', 'x']);
  });

  it('flushes a partial last line when the stream ends', () => {
    expect(lines(['done without newline'])).toEqual(['done without newline']);
  });

  it('splits a line longer than LINE_MAX as journald does', () => {
    expect(lines(['x'.repeat(LINE_MAX * 2 + 10) + '\n']).map((l) => l.length)).toEqual([LINE_MAX, LINE_MAX, 10]);
  });

  it('a line of exactly LINE_MAX is one line', () => {
    expect(lines(['y'.repeat(LINE_MAX) + '\nz\n']).map((l) => l.length)).toEqual([LINE_MAX, 1]);
  });

  it('splits an unterminated long line as it arrives, without waiting for the newline', () => {
    const framer = new PipeFramer(frame, false, 8);
    const seen: string[] = [];
    const onBlock = (b: Buffer) => seen.push(b.toString());
    framer.push(Buffer.from('0123456789ab'), Buffer.alloc(0), onBlock);
    expect(seen).toEqual(['01234567\n']);
    framer.push(Buffer.from('\n'), Buffer.alloc(0), onBlock);
    expect(seen).toEqual(['01234567\n', '89ab\n']);
  });

  it('puts the prefix in front of every line', () => {
    expect(run(['a\nb\n'], { prefix: 'P: ' }).text).toBe('P: a\nP: b\n');
  });

  it.each([
    ['plain ascii', Buffer.from('hello world\tok'), 'hello world\tok'],
    ['valid UTF-8 kept', Buffer.from('grüße ✓ 𝄞'), 'grüße ✓ 𝄞'],
    ['terminal escape neutralised', Buffer.from('\x1b[31mred'), '\\x1b[31mred'],
    ['carriage return escaped', Buffer.from('a\rb'), 'a\\x0db'],
    ['invalid byte escaped', Buffer.from([0x61, 0xff, 0x62]), 'a\\xffb'],
    ['truncated sequence escaped', Buffer.from([0x61, 0xe2, 0x82]), 'a\\xe2\\x82'],
    ['overlong encoding rejected', Buffer.from([0xc0, 0xaf]), '\\xc0\\xaf'],
    ['surrogate rejected', Buffer.from([0xed, 0xa0, 0x80]), '\\xed\\xa0\\x80'],
    ['NUL escaped', Buffer.from([0x61, 0x00]), 'a\\x00'],
    ['DEL escaped', Buffer.from([0x61, 0x7f]), 'a\\x7f'],
  ])('escapes: %s', (_name, input, expected) => {
    expect(lines([input])).toEqual([expected]);
  });

  it('reads and strips a <N> priority prefix with SyslogLevelPrefix=', () => {
    const framed = run(['plain\n<3>error!\n<x>not\n'], { levelPrefix: true });
    expect(framed.text).toBe('plain\nerror!\n<x>not\n');
    expect(framed.priorities).toEqual([1, 3]);
    expect(run(['<3>kept\n']).text).toBe('<3>kept\n');
  });

  it('gives up no line when the output room runs out (many tiny lines)', () => {
    expect(run(['\n'.repeat(100_000)], { prefix: 'a long prefix for a tiny line: ' }).lines).toBe(100_000);
  });

  it('matches a plain model on random bytes in random chunkings', () => {
    const byte = fc.oneof(fc.constantFrom(10, 10, 9, 0x1b, 0x7f, 0xff, 0xc3, 0xa9, 0xe2, 0x9c, 0x93), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0x20, max: 0x7e }));
    fc.assert(fc.property(fc.array(byte, { maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), fc.integer({ min: 1, max: 20 }), (bytes, cuts, max) => {
      const data = Buffer.from(bytes);
      const chunks: Buffer[] = [];
      let at = 0;
      for (const cut of cuts) {
        if (at >= data.length) break;
        chunks.push(data.subarray(at, at + cut));
        at += cut;
      }
      if (at < data.length) chunks.push(data.subarray(at));
      expect(run(chunks, { prefix: '> ', max }).text).toBe(model(chunks, '> ', max));
    }), { numRuns: 400 });
  });
});

/** The specification, written plainly over the chunks as they arrive: a line ends at '\n';
 *  LINE_MAX bytes without one are cut off as a line at once (a '\n' right after them, when
 *  already there, ends that piece); at the end a partial line is a line. */
function model(chunks: Buffer[], prefix: string, max: number): string {
  let out = '';
  let pending = Buffer.alloc(0);
  const emit = (line: Buffer) => { out += prefix + escape(line) + '\n'; };
  for (const chunk of chunks) {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const nl = pending.indexOf(10);
      if (nl >= 0 && nl <= max - 1) { emit(pending.subarray(0, nl)); pending = pending.subarray(nl + 1); continue; }
      if (pending.length >= max) {
        emit(pending.subarray(0, max));
        pending = pending.subarray(pending[max] === 10 ? max + 1 : max);
        continue;
      }
      break;
    }
  }
  if (pending.length > 0) emit(pending);
  return out;
}

function escape(line: Buffer): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const b = line[i]!;
    if ((b >= 0x20 && b < 0x7f) || b === 9) { out += String.fromCharCode(b); i++; continue; }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len > 0 && i + len <= line.length) {
      const seq = line.subarray(i, i + len);
      const decoded = seq.toString('utf8');
      // Valid when it decodes to one code point that encodes back to the same bytes.
      if (!decoded.includes('\ufffd') && Buffer.from(decoded).equals(seq) && [...decoded].length === 1) {
        out += decoded;
        i += len;
        continue;
      }
    }
    out += '\\x' + b.toString(16).padStart(2, '0');
    i++;
  }
  return out;
}
