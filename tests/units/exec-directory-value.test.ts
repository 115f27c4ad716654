import { describe, expect, it } from 'vitest';
import { parseExecDirectoryValue } from '../../src/units/exec-directory-value.js';

// Each row confirmed with `systemd --test` (252): what RuntimeDirectory= keeps, and its warnings.
describe('RuntimeDirectory= & co. values, config_parse_exec_directories()', () => {
  it.each<[string, Array<{ path: string; link?: string }>, string[]]>([
    ['foo/bar baz', [{ path: 'foo/bar' }, { path: 'baz' }], []],
    ['foo:bar foo:baz', [{ path: 'foo', link: 'bar' }, { path: 'foo', link: 'baz' }], []],
    ['\\:', [{ path: ':' }], []],
    ['a\\:b', [{ path: 'a:b' }], []],
    [':a', [{ path: 'a' }], []],
    ['a:b:c', [{ path: 'a', link: 'b' }], []],
    ['a:', [{ path: 'a' }], []],
    ['"a b"', [{ path: 'a b' }], []],
    ["'a:b'", [{ path: 'a', link: 'b' }], []],
    ['a/./b a//b a/', [{ path: 'a/b' }, { path: 'a/b' }, { path: 'a' }], []],
    ['\\x41 a\\\\b', [{ path: 'A' }, { path: 'a\\b' }], []],
    ['privatex', [{ path: 'privatex' }], []],
    ['a/../b', [], ['RuntimeDirectory= path is not normalized, ignoring: a/../b']],
    ['.', [], ['RuntimeDirectory= path is not normalized, ignoring: .']],
    ['/abs', [], ['RuntimeDirectory= path is absolute, ignoring: /abs']],
    ['a:/abs', [], ['RuntimeDirectory= path is absolute, ignoring: /abs']],
    ['private/x', [], ["RuntimeDirectory= path can't be 'private', ignoring assignment: private/x"]],
    ['""', [], ['Invalid syntax in RuntimeDirectory=, ignoring: ']],
    ['\\q ok', [{ path: 'ok' }], ['Invalid syntax in RuntimeDirectory=, ignoring: \\q']],
    // the first split keeps a backslash as an ordinary character: it escapes neither a quote nor a space
    ['\\"a', [], ['Invalid syntax RuntimeDirectory=\\"a, ignoring: Invalid argument']],
    ['a\\ b', [{ path: 'b' }], ['Invalid syntax in RuntimeDirectory=, ignoring: a\\']],
  ])('%j', (value, entries, warnings) => {
    expect(parseExecDirectoryValue(value, 'RuntimeDirectory', (t) => t)).toEqual({ entries, warnings });
  });

  it('ConfigurationDirectory= takes no link', () => {
    expect(parseExecDirectoryValue('a:b c', 'ConfigurationDirectory', (t) => t)).toEqual({
      entries: [{ path: 'c' }], warnings: ['Destination parameter is not supported for ConfigurationDirectory, ignoring: a:b'],
    });
  });

  it('expands specifiers in each part', () => {
    expect(parseExecDirectoryValue('%n:%i', 'StateDirectory', (t) => t.replace('%n', 'x.service').replace('%i', 'inst')).entries)
      .toEqual([{ path: 'x.service', link: 'inst' }]);
  });
});
