import { describe, expect, it } from 'vitest';
import { escapeLine } from '../../src/journal/escape-line.js';

describe('escapeLine', () => {
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
  ])('%s', (_name, input, expected) => {
    expect(escapeLine(input)).toBe(expected);
  });

  it('escapes only the given slice', () => {
    const b = Buffer.from('xxhello\x01yy');
    expect(escapeLine(b, 2, 8)).toBe('hello\\x01');
  });
});
