// Line framing as the stream shows it: cut on '\n' and at LINE_MAX, escape, head (the log
// pump's StreamFramer, native/stream-framer.cc over native/frame-lines.cc), checked on fixed
// cases and against a plain reference model on random input in random chunkings; the JSON
// format against what pino writes for the same record.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNativeCore, type LineFormat } from '../../src/native/core.js';
import { LINE_MAX } from '../../src/journal/journal.js';
import { createJsonFormatter } from '../../src/journal/json-format.js';

const core = loadNativeCore();

interface Framed { text: string; lines: number; priorities: number[] }

interface RunOptions { prefix?: string; max?: number; levelPrefix?: boolean; end?: boolean; format?: LineFormat; priority?: number }

function run(chunks: Array<string | Buffer | number[]>, opts: RunOptions = {}): Framed {
  const framed = core.frameStreamForTest(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'latin1') : Buffer.from(c))), {
    format: opts.format ?? 'text', head: opts.prefix ?? '', maxLine: opts.max ?? LINE_MAX, levelPrefix: opts.levelPrefix ?? false,
    priority: opts.priority ?? 6, end: opts.end ?? true,
  });
  return { text: framed.bytes.toString('utf8'), lines: framed.lines, priorities: framed.priorities };
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
    expect(run(['0123456789ab'], { max: 8, end: false }).text).toBe('01234567\n');
    expect(run(['0123456789ab', '\n'], { max: 8, end: false }).text).toBe('01234567\n89ab\n');
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

describe('line framing of long mostly printable lines (the 16-byte scan)', () => {
  it('matches the plain model', () => {
    const byte = fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      { weight: 1, arbitrary: fc.constantFrom(10, 9, 0x1b, 0x7f, 0x80, 0xff, 0xc3, 0xa9, 0xe2, 0x9c, 0x93, 0) });
    fc.assert(fc.property(fc.array(byte, { maxLength: 3000 }), fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 300 }), (bytes, cut, max) => {
      const data = Buffer.from(bytes);
      const chunks = [data.subarray(0, cut), data.subarray(cut)].filter((c) => c.length > 0);
      expect(run(chunks, { prefix: 'T x[1]: ', max }).text).toBe(model(chunks, 'T x[1]: ', max));
    }), { numRuns: 300 });
  });
});

describe('line framing, JSON format', () => {
  // What the journal hands the pump for a source (src/journal/journal.ts): the head after the time.
  const record = { time: Date.UTC(2026, 10, 22, 11, 3, 9, 123), unit: 'we"ird\\.service', identifier: 'idé', pid: 42, stream: 'stderr' as const };
  const head = `,"time":"${new Date(record.time).toISOString()}","unit":${JSON.stringify(record.unit)},"identifier":${JSON.stringify(record.identifier)},"pid":42,"stream":"stderr","priority":`;

  it('writes each line as pino writes the same record, escapes included, with the line\'s own priority', async () => {
    const pino = await createJsonFormatter();
    const messages = ['plain', 'tab\there', 'quote " and backslash \\', 'grüße ✓ \u2028', '', '<3>an error', '<7>debug'];
    const framed = run([Buffer.from(messages.join('\n') + '\n\x1b[31mred')], { format: 'json', prefix: head, levelPrefix: true, priority: 5 });
    const expected = [...messages, '\x1b[31mred'].map((m) => {
      const own = /^<([0-7])>/.exec(m);
      const escaped = m.replace(/\x1b/g, '\\x1b');
      return pino({ ...record, priority: own ? Number(own[1]) : 5, message: own ? escaped.slice(3) : escaped });
    });
    expect(framed.text).toBe(expected.join(''));
    expect(framed.priorities).toEqual([5, 3, 6, 7]);
  });

  it('matches pino on random bytes (escaped as in the text format first)', async () => {
    const pino = await createJsonFormatter();
    const byte = fc.oneof(fc.constantFrom(9, 0x22, 0x5c, 0x1b, 0x7f, 0xff, 0xc3, 0xa9, 0xe2, 0x80, 0xa8), fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0, max: 255 }));
    fc.assert(fc.property(fc.array(byte, { maxLength: 200 }), (bytes) => {
      const data = Buffer.from(bytes.filter((b) => b !== 10));
      const framed = run([data], { format: 'json', prefix: head, priority: 6 });
      const text = run([data]).text.slice(0, -1); // the text format's message for the same bytes
      expect(framed.text).toBe(data.length === 0 ? '' : pino({ ...record, priority: 6, message: text }));
    }), { numRuns: 300 });
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
